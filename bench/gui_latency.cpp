// How long the GUI thread can be kept from its event loop while a run streams
// events into the window (Gantt, charts, progress). A 2 ms timer ticks on the
// GUI thread; the longest gap between ticks, less the period, is the longest
// the window was unresponsive. On two cores the run's own threads also take
// the GUI thread's core away now and then, so each gap is split into the CPU
// time the GUI thread spent working in it (its own blocking) and the rest
// (waiting for a core). Prints the event rate achieved and both.
//
//   gui_latency [--charts]   (offscreen unless QT_QPA_PLATFORM is set)
//
// --charts shows the live charts tab instead of the scenario editor.

#include "engine/clock.h"
#include "engine/scenarioio.h"
#include "guiticker.h"
#include "ui/chartsview.h"
#include "ui/mainwindow.h"
#include "ui/runcontroller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace overlap;

int main(int argc, char** argv)
{
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QApplication app(argc, argv);
    QTemporaryDir dir;

    // Two threads doing 20 µs steps: about 2 events per 20 µs per thread,
    // well above 100,000 events per second for about five seconds.
    engine::Scenario s;
    s.name = "event flood";
    s.run.model = engine::Model::Threads;
    s.run.workers = 2;
    engine::TaskSpec t;
    t.name = "flood";
    t.count = 500;
    t.steps.assign(1000, engine::Step{engine::StepKind::Cpu, 0.02, {}});
    s.tasks.push_back(t);
    const QString path = dir.filePath(QStringLiteral("flood.overlap.json"));
    if (const std::string e = engine::saveScenarioFile(s, path.toStdString()); !e.empty()) {
        std::fprintf(stderr, "%s\n", e.c_str());
        return 3;
    }

    ui::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    if (!window.openFile(path))
        return 3;
    if (argc > 1 && QByteArray(argv[1]) == "--charts") {
        auto* tabs = window.findChild<QTabWidget*>();
        if (!tabs)
            return 3;
        tabs->setCurrentWidget(window.chartsView());
    }

    bench::GuiTicker ticker;
    std::vector<qint64>& gaps = ticker.gaps;
    std::vector<std::int64_t>& busy = ticker.busy;
    const std::vector<qint64>& at = ticker.at;

    std::size_t events = 0;
    qint64 runNs = 0;
    QObject::connect(window.runController(), &ui::RunController::eventsArrived,
        [&](const std::vector<engine::Event>& batch) { events += batch.size(); });
    QObject::connect(window.runController(), &ui::RunController::finished, [&] {
        runNs = ticker.elapsedNs();
        ticker.stop();
        QTimer::singleShot(0, &app, &QApplication::quit);
    });
    ticker.start();
    window.startRun();
    app.exec();

    const std::size_t worst
        = static_cast<std::size_t>(std::max_element(gaps.begin(), gaps.end()) - gaps.begin());
    const std::int64_t worstBusy = busy.empty() ? 0 : busy[worst];
    const std::size_t busiest
        = static_cast<std::size_t>(std::max_element(busy.begin(), busy.end()) - busy.begin());
    const qint64 busiestAt = at.empty() ? 0 : at[busiest];
    // After the first 200 ms (the run's set-up and the window's first paint
    // of the new lanes): the steady state while events stream.
    std::int64_t streamingBusy = 0;
    qint64 streamingGap = 0;
    for (std::size_t i = 0; i < at.size(); ++i) {
        if (at[i] > 200'000'000) {
            streamingBusy = std::max(streamingBusy, busy[i]);
            streamingGap = std::max(streamingGap, gaps[i]);
        }
    }
    std::sort(busy.begin(), busy.end());
    std::sort(gaps.begin(), gaps.end());
    auto ms = [](qint64 ns) { return double(ns) / 1e6; };
    const double seconds = double(runNs) / 1e9;
    std::printf("events %zu in %.2f s: %.0f events/s\n", events, seconds, double(events) / seconds);
    if (!gaps.empty()) {
        std::printf("GUI timer gaps (2 ms period): median %.2f ms, p99 %.2f ms, max %.2f ms over %zu ticks\n",
            ms(gaps[gaps.size() / 2]), ms(gaps[gaps.size() * 99 / 100]), ms(gaps.back()), gaps.size());
        std::printf("longest gap: %.2f ms, of which the GUI thread worked %.2f ms\n", ms(gaps.back()) - 2.0,
            ms(worstBusy));
        std::printf(
            "longest the GUI thread worked without returning to its event loop: %.2f ms (target ≤ 50 ms), "
            "at %.2f s\n",
            ms(busy.back()), ms(busiestAt) / 1e3);
        std::printf("after the first 0.2 s: longest gap %.2f ms, longest GUI work %.2f ms\n",
            ms(streamingGap) - 2.0, ms(streamingBusy));
    }
    return 0;
}
