#include "ui/imageexport.h"

#include "ui/ganttview.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace overlap::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("overlap::ui::ImageExport", text);
}

// A real family, not Qt's "Sans Serif" alias, so the SVG renders alike elsewhere.
QFont exportFont(const QFont& base)
{
    QFont font = base;
    font.setFamily(QStringLiteral("DejaVu Sans"));
    return font;
}

} // namespace

QString exportGanttImage(const GanttView& view, const QString& path, const QSize& size)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        constexpr int ratio = 2;
        QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(ratio);
        image.fill(Qt::white);
        {
            QPainter p(&image);
            p.setFont(exportFont(view.font()));
            view.paintFrame(p, size);
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
            return tr("cannot write '%1': %2").arg(path, file.errorString());
        return {};
    }
    if (suffix == QLatin1String("svg")) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return tr("cannot write '%1': %2").arg(path, file.errorString());
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(QStringLiteral("Overlap"));
        {
            QPainter p(&svg);
            p.setFont(exportFont(view.font()));
            view.paintFrame(p, size);
        }
        if (!file.commit())
            return tr("cannot write '%1': %2").arg(path, file.errorString());
        return {};
    }
    return tr("'%1': choose a .png or .svg file name").arg(path);
}

} // namespace overlap::ui
