// Painting the Gantt chart: one frame of a million segments (100 lanes of
// 10,000) into a 1920×1080 image, fully zoomed out and at three deeper zoom
// levels. The geometry is rebuilt every frame (the worst case: a zoom or a
// live update); the target is ≤ 16 ms per frame.

#include "engine/timeline.h"
#include "ui/ganttgeometry.h"
#include "ui/ganttpainter.h"
#include "ui/ganttscene.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <cstdlib>
#include <memory>

using namespace overlap;

namespace {

constexpr int kLanes = 100;
constexpr int kPerLane = 10'000;
constexpr std::int64_t kStepNs = 10'000; // a segment of 8 µs every 10 µs: 100 ms in all

struct Fixture {
    std::shared_ptr<const engine::Plan> plan;
    std::unique_ptr<engine::Timeline> timeline;
    ui::GanttScene scene;

    Fixture()
    {
        engine::Scenario s;
        s.run.model = engine::Model::Threads;
        s.run.workers = kLanes;
        engine::TaskSpec t;
        t.name = "job";
        t.count = kLanes;
        for (int i = 0; i < kPerLane; ++i)
            t.steps.push_back({i % 2 ? engine::StepKind::Cpu : engine::StepKind::Io, 0.008, {}});
        s.tasks.push_back(t);
        plan = std::make_shared<const engine::Plan>(s);
        timeline = std::make_unique<engine::Timeline>(plan);
        std::vector<engine::Event> events;
        events.reserve(std::size_t(kLanes) * kPerLane * 2);
        for (int lane = 0; lane < kLanes; ++lane) {
            for (int i = 0; i < kPerLane; ++i) {
                engine::Event e;
                e.task = lane;
                e.lane = lane;
                e.attempt = 1;
                e.step = static_cast<std::int16_t>(i);
                e.core = static_cast<std::int16_t>(lane % 2);
                e.tid = 1000 + lane;
                e.kind = engine::EventKind::StepStart;
                e.tNs = i * kStepNs + lane * 37; // lanes slightly out of phase
                events.push_back(e);
                e.kind = engine::EventKind::StepEnd;
                e.tNs += 8'000;
                e.cpuNs = i % 2 ? 8'000 : 0;
                events.push_back(e);
            }
        }
        // In time order, as a run delivers them.
        std::stable_sort(events.begin(), events.end(),
            [](const engine::Event& a, const engine::Event& b) { return a.tNs < b.tNs; });
        timeline->append(events);
        timeline->finish();
        scene.timeline = timeline.get();
        for (int r : timeline->rows(engine::Grouping::Task)) {
            scene.rows.push_back({r, false});
            scene.names.push_back(QStringLiteral("job #%1").arg(r + 1));
        }
        scene.rowHeight = 10; // 100 rows fit in 1080 px
        scene.totalNs = timeline->endNs();
    }
};

Fixture& fixture()
{
    static Fixture f;
    return f;
}

void paintFrame(benchmark::State& state)
{
    Fixture& f = fixture();
    const std::int64_t total = f.scene.totalNs;
    const std::int64_t span = total >> (state.range(0) * 3); // 100 ms, 12.5 ms, 1.6 ms, 195 µs
    ui::GanttScene scene = f.scene;
    scene.visibleStart = (total - span) / 2;
    scene.visibleEnd = scene.visibleStart + span;
    QImage image(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    std::size_t bars = 0;
    for (auto _ : state) {
        ui::GanttGeometry geometry; // rebuilt each frame, as after a zoom
        QPainter p(&image);
        ui::GanttPainter::paint(p, image.size(), scene, geometry, nullptr);
        p.end();
        bars = geometry.barCount();
        benchmark::DoNotOptimize(image.constBits());
    }
    state.counters["bars"] = static_cast<double>(bars);
    state.counters["visible_ms"] = static_cast<double>(span) / 1e6;
}

} // namespace

BENCHMARK(paintFrame)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv)
{
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QApplication app(argc, argv); // fonts and painting need it
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
