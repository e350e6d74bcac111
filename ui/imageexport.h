#pragma once

// File ▸ Export Image: the Gantt's current view as a PNG at twice the pixel
// ratio (sharp on slides and high-density screens) or as an SVG.

#include <QSize>
#include <QString>

namespace overlap::ui {

class GanttView;

// Writes `path` by its suffix (.png or .svg) at `size` logical pixels.
// Returns an empty string on success, else why nothing was written.
QString exportGanttImage(const GanttView& view, const QString& path, const QSize& size);

} // namespace overlap::ui
