#pragma once

// Timeline images for slides and papers: PNG at twice the pixel ratio, SVG
// with a real font family, PDF with its font embedded. Each image has a
// title, the Gantt with its time axis and legend, and the run's metrics.
//
// Two kinds: the whole of one or more runs (the command line's `--image`,
// File ▸ Export Whole Run), stacked on one time scale so that models can be
// compared bar for bar; and the window's current view (range, lanes and
// scroll as shown).

#include "engine/traceexport.h"
#include "engine/traceimport.h"
#include "ui/ganttview.h"

#include <QSize>
#include <QString>
#include <memory>
#include <vector>

namespace overlap::ui {

struct ImageOptions {
    QString title; // the scenario's name
    GanttView::LaneMode lanes = GanttView::LaneMode::Task;
    int widthPx = 1600; // logical pixels
    int maxRowsPerRun = 120; // more are summarised in one line
};

// Every run whole, one panel each, on the time scale of the longest.
// Returns an empty string on success, else why nothing was written.
QString exportRunsImage(
    const std::vector<engine::ExportedRun>& runs, const QString& path, const ImageOptions& options);

// The view as shown at `viewSize`, framed like the above; `run` (may be null)
// gives the metrics line.
QString exportViewImage(const GanttView& view, const engine::ExportedRun* run, const QString& path,
    const QSize& viewSize, const ImageOptions& options);

// An imported trace whole: `title` (the file), a line of its figures and
// every lane (up to the options' limit) over its whole span.
QString exportTraceImage(const std::shared_ptr<engine::Timeline>& timeline,
    const engine::ImportedTrace& trace, const QString& path, const ImageOptions& options);

// The figures of an imported trace in one line, as the image shows them.
QString traceSummaryLine(const engine::ImportedTrace& trace);

// ".png", ".svg" or ".pdf" (any case): the formats the two functions write.
bool isImagePath(const QString& path);

} // namespace overlap::ui
