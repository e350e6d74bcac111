#pragma once

// Opens another tool's trace (Chrome Trace Event JSON) off the GUI thread:
// the file is parsed on a pool thread, progress is polled a few times a
// second, and the import can be cancelled. The result arrives whole: the
// trace's facts and a finished timeline ready for the Gantt.

#include "engine/timeline.h"
#include "engine/traceimport.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>
#include <atomic>
#include <cstdint>
#include <memory>

namespace overlap::ui {

struct ImportResult {
    engine::ImportedTrace trace; // without its segments: they are in `timeline`
    std::shared_ptr<engine::Timeline> timeline;
};
using ImportResultPtr = std::shared_ptr<ImportResult>;

class TraceImporter : public QObject {
    Q_OBJECT
public:
    explicit TraceImporter(QObject* parent = nullptr);
    ~TraceImporter() override;

    // False if an import is already running.
    bool start(const QString& path);
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }

signals:
    void progress(std::uint64_t done, std::uint64_t total);
    // Always emitted once per start(); the result says whether it was
    // cancelled, failed, or read (perhaps with an error after some events).
    void finished(const overlap::ui::ImportResultPtr& result);

private:
    QFutureWatcher<ImportResultPtr> m_watcher;
    QTimer m_poll;
    std::atomic<bool> m_cancel{false};
    std::atomic<std::uint64_t> m_done{0};
    std::atomic<std::uint64_t> m_total{0};
};

// Whether a file looks like a trace rather than a scenario: a JSON array, or
// an object with "traceEvents" near its start.
bool looksLikeTrace(const QString& path);

} // namespace overlap::ui
