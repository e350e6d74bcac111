#include "ui/traceimporter.h"

#include <QFile>
#include <QtConcurrent>

namespace overlap::ui {

TraceImporter::TraceImporter(QObject* parent)
    : QObject(parent)
{
    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, [this] { emit progress(m_done.load(), m_total.load()); });
    connect(&m_watcher, &QFutureWatcher<ImportResultPtr>::finished, this, [this] {
        m_poll.stop();
        emit progress(m_done.load(), m_total.load());
        emit finished(m_watcher.result());
    });
}

TraceImporter::~TraceImporter()
{
    // The pool thread reads this object's atomics: stop it first.
    m_cancel = true;
    m_watcher.waitForFinished();
}

bool TraceImporter::start(const QString& path)
{
    if (m_watcher.isRunning())
        return false;
    m_cancel = false;
    m_done = 0;
    m_total = static_cast<std::uint64_t>(std::max<qint64>(0, QFileInfo(path).size()));
    const std::string file = QFile::encodeName(path).toStdString();
    m_watcher.setFuture(QtConcurrent::run([this, file] {
        engine::TraceImportOptions options;
        options.cancel = &m_cancel;
        options.progress = [this](std::uint64_t done, std::uint64_t total) {
            m_done = done;
            m_total = total;
            return true;
        };
        auto result = std::make_shared<ImportResult>();
        result->trace = engine::importTraceFile(file, options);
        if (result->trace.usable())
            result->timeline = std::make_shared<engine::Timeline>(engine::takeTimeline(result->trace));
        return result;
    }));
    m_poll.start();
    return true;
}

void TraceImporter::cancel()
{
    m_cancel = true;
}

bool looksLikeTrace(const QString& path)
{
    if (path.endsWith(QStringLiteral(".overlap.json"), Qt::CaseInsensitive))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(64 * 1024);
    for (char c : head) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        if (c == '[')
            return true;
        break;
    }
    return head.contains("\"traceEvents\"");
}

} // namespace overlap::ui
