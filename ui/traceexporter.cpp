#include "ui/traceexporter.h"

#include "engine/cpuwork.h"
#include "engine/csvexport.h"
#include "engine/traceexport.h"
#include "ui/runcontroller.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <sstream>

namespace overlap::ui {

QString exportTrace(const QString& path, TraceFormat format, const std::vector<FinishedRunPtr>& runs,
    const QString& scenarioName)
{
    std::vector<engine::ExportedRun> exported;
    for (const FinishedRunPtr& r : runs)
        exported.push_back({&r->plan, &r->output, &r->metrics});
    std::ostringstream text;
    if (format == TraceFormat::ChromeJson)
        engine::writeChromeTrace(text, exported,
            {scenarioName.toStdString(), engine::calibratedItersPerMs(), RunController::cpuCores()});
    else
        engine::writeStepsCsv(text, exported);

    // QSaveFile writes beside the target and renames: a failed export leaves any old file intact.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QCoreApplication::translate("overlap::ui::TraceExporter", "cannot write '%1': %2")
            .arg(path, file.errorString());
    const std::string bytes = text.str();
    if (file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size())
        || !file.commit())
        return QCoreApplication::translate("overlap::ui::TraceExporter", "writing '%1' failed: %2")
            .arg(path, file.errorString());
    return {};
}

} // namespace overlap::ui
