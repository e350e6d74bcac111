#include "ui/ganttview.h"

#include "engine/traceexport.h"
#include "ui/ganttcolors.h"
#include "ui/ganttcoordinates.h"
#include "ui/ganttpainter.h"
#include "ui/ganttticks.h"
#include "ui/metrictexts.h"
#include "ui/zoomcontrol.h"

#include <QElapsedTimer>
#include <QKeyEvent>
#include <QLoggingCategory>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QThread>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>

Q_LOGGING_CATEGORY(lcGanttPaint, "overlap.gantt.paint", QtWarningMsg)

namespace overlap::ui {

using engine::Grouping;
using engine::Segment;
using engine::SegmentState;

namespace {

// Live bars grow between the engine's batches at about the display's rate.
constexpr int kTickMs = 33;
// One wheel notch or W/S press.
constexpr double kZoomStep = 0.8;
constexpr double kPanFraction = 0.1;

Grouping groupingOf(GanttView::LaneMode mode)
{
    switch (mode) {
    case GanttView::LaneMode::Worker:
        return Grouping::Worker;
    case GanttView::LaneMode::Core:
        return Grouping::Core;
    case GanttView::LaneMode::Task:
        break;
    }
    return Grouping::Task;
}

QString failReason(int detail)
{
    switch (static_cast<engine::FailReason>(detail)) {
    case engine::FailReason::Injected:
        return GanttView::tr("injected failure");
    case engine::FailReason::Cancelled:
        return GanttView::tr("cancelled");
    case engine::FailReason::WorkerCrashed:
        return GanttView::tr("worker crashed");
    case engine::FailReason::WorkerHung:
        return GanttView::tr("worker hung");
    case engine::FailReason::WorkerProtocol:
        return GanttView::tr("worker broke the protocol");
    case engine::FailReason::WorkerSpawn:
        return GanttView::tr("worker could not start");
    }
    return GanttView::tr("unknown reason");
}

} // namespace

GanttView::GanttView(QWidget* parent)
    : QWidget(parent)
    , m_timeline(std::make_shared<engine::Timeline>())
    , m_zoom(new ZoomControl(this))
    , m_scroll(new QScrollBar(Qt::Vertical, this))
    , m_tick(new QTimer(this))
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(320, 160);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_scroll->hide();
    connect(m_scroll, &QScrollBar::valueChanged, this, qOverload<>(&GanttView::update));
    connect(m_zoom, &ZoomControl::visibleChanged, this, qOverload<>(&GanttView::update));
    connect(m_zoom, &ZoomControl::selectionChanged, this, qOverload<>(&GanttView::update));
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &GanttView::onTick);
}

GanttView::~GanttView() = default;

void GanttView::startRun(const engine::Plan& plan)
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_plan = std::make_shared<const engine::Plan>(plan);
    m_timeline = std::make_shared<engine::Timeline>(m_plan);
    ++m_generation;
    m_live = true;
    m_runClock.start();
    m_tick->start();
    m_zoom->clearSelection();
    m_zoom->setTotal(0);
    m_zoom->fit();
    m_scroll->setValue(0);
    setFollowNow(true);
    dataChanged();
}

void GanttView::appendEvents(const std::vector<engine::Event>& events)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (events.empty())
        return;
    m_timeline->append(events);
    dataChanged();
}

void GanttView::finishRun(const engine::RunOutput& output)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (m_timeline->eventCount() != output.events.size()) {
        // The window did not hand over every event (or none): rebuild from
        // the complete list once, rather than guess which ones are missing.
        m_timeline = std::make_shared<engine::Timeline>(m_plan);
        ++m_generation;
        m_timeline->append(output.events);
    }
    m_timeline->finish();
    m_live = false;
    m_tick->stop();
    dataChanged();
}

void GanttView::showTimeline(std::shared_ptr<engine::Timeline> timeline)
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_plan.reset();
    m_timeline = std::move(timeline);
    ++m_generation;
    m_live = false;
    m_tick->stop();
    m_mode = LaneMode::Task;
    m_zoom->clearSelection();
    m_scroll->setValue(0);
    setFollowNow(false);
    dataChanged();
    zoomToFit();
}

void GanttView::setLaneMode(LaneMode mode)
{
    if (mode == m_mode || (showsImport() && mode != LaneMode::Task))
        return;
    m_mode = mode;
    m_scroll->setValue(0);
    refreshRows();
    update();
}

GanttView::LaneMode GanttView::laneMode() const
{
    return m_mode;
}

void GanttView::setFollowNow(bool follow)
{
    if (follow == m_follow)
        return;
    m_follow = follow;
    if (m_follow)
        dataChanged();
    emit followNowChanged(m_follow);
}

bool GanttView::followNow() const
{
    return m_follow;
}

void GanttView::zoomToFit()
{
    m_zoom->fit();
}

void GanttView::userNavigated()
{
    setFollowNow(false);
}

void GanttView::onTick()
{
    if (!m_live)
        return;
    // The run's clock started about when startRun() was called; events correct it.
    m_timeline->setNow(m_runClock.nsecsElapsed());
    dataChanged();
}

void GanttView::dataChanged()
{
    const std::int64_t total = m_timeline->endNs();
    m_zoom->setTotal(total);
    if (m_follow && m_live) {
        const std::int64_t span = m_zoom->visibleSpan();
        // A fitted view grows with the run (ZoomControl keeps it fitted);
        // a zoomed-in one slides so that "now" stays at the right edge.
        if (m_zoom->visibleStart() > 0 || span < total)
            m_zoom->setVisible(total - span, total);
    }
    refreshRows();
    update();
}

void GanttView::refreshRows()
{
    const Grouping g = groupingOf(m_mode);
    const auto& lanes = m_timeline->lanes(g);
    const bool gil = m_timeline->hasGil();
    // Lanes are only ever added: the same count in the same mode means the same rows.
    if (lanes.size() == m_rowsLaneCount && gil == m_rowsGil && g == m_rowsGrouping
        && m_rowsGeneration == m_generation && !m_names.empty())
        return;
    m_rows.clear();
    m_names.clear();
    if (gil) {
        m_rows.push_back({-1, true});
        m_names.push_back(tr("GIL"));
    }
    const engine::Plan* plan = m_plan.get();
    const engine::Model model = plan ? plan->run().model : engine::Model::Threads;
    for (int laneIndex : m_timeline->rows(g)) {
        m_rows.push_back({laneIndex, false});
        const int key = lanes[static_cast<std::size_t>(laneIndex)].key();
        QString name;
        if (m_timeline->isPrebuilt()) {
            m_names.push_back(QString::fromStdString(m_timeline->laneLabel(g, laneIndex)));
            continue;
        }
        switch (g) {
        case Grouping::Task:
            name = plan && static_cast<std::size_t>(key) < plan->instances().size()
                ? QString::fromStdString(plan->instances()[static_cast<std::size_t>(key)].name)
                : tr("task %1").arg(key + 1);
            break;
        case Grouping::Worker:
            switch (model) {
            case engine::Model::Sequential:
                name = tr("main thread");
                break;
            case engine::Model::Fibers:
                name = tr("fiber %1").arg(key + 1);
                break;
            case engine::Model::Threads:
                name = tr("thread %1").arg(key + 1);
                break;
            case engine::Model::Processes:
                name = tr("process %1").arg(key + 1);
                break;
            }
            break;
        case Grouping::Core:
            name = tr("CPU %1").arg(key);
            break;
        }
        m_names.push_back(name);
    }
    m_rowsLaneCount = lanes.size();
    m_rowsGil = gil;
    m_rowsGrouping = g;
    m_rowsGeneration = m_generation;
    updateScrollBar();
}

void GanttView::updateScrollBar()
{
    GanttScene s;
    s.showOverview = true;
    s.showLegend = !showsImport(); // an import's slices are coloured by name, not state
    s.selectionStart = m_zoom->selectionStart();
    s.selectionEnd = m_zoom->selectionEnd();
    const GanttLayout l = GanttLayout::compute(size(), s);
    const int fullRows = std::max(1, l.lanes.height() / s.rowHeight);
    const int excess = static_cast<int>(m_rows.size()) - fullRows;
    m_scroll->setVisible(excess > 0);
    m_scroll->setRange(0, std::max(0, excess));
    m_scroll->setPageStep(fullRows);
    m_scroll->setGeometry(width() - m_scroll->sizeHint().width(), l.lanes.top(), m_scroll->sizeHint().width(),
        l.lanes.height());
}

QSize GanttView::frameSize() const
{
    return QSize(width() - (!m_scroll->isHidden() ? m_scroll->width() : 0), height());
}

int GanttView::laneCount() const
{
    return static_cast<int>(m_rows.size());
}

QString GanttView::laneName(int row) const
{
    return row >= 0 && static_cast<std::size_t>(row) < m_names.size() ? m_names[static_cast<std::size_t>(row)]
                                                                      : QString();
}

GanttScene GanttView::scene(const QSize& size) const
{
    Q_UNUSED(size);
    GanttScene s;
    s.timeline = m_timeline.get();
    s.grouping = groupingOf(m_mode);
    s.rows = m_rows;
    s.names = m_names;
    s.firstRow = !m_scroll->isHidden() ? m_scroll->value() : 0;
    s.visibleStart = m_zoom->visibleStart();
    s.visibleEnd = m_zoom->visibleEnd();
    s.totalNs = m_zoom->totalNs();
    s.selectionStart = m_zoom->selectionStart();
    s.selectionEnd = m_zoom->selectionEnd();
    s.live = m_live;
    s.nowNs = m_timeline->endNs();
    s.dataGeneration = m_generation;
    s.stats = selectionStats();
    s.showLegend = !showsImport();
    return s;
}

const engine::RangeStats* GanttView::selectionStats() const
{
    if (!m_zoom->hasSelection())
        return nullptr;
    const auto key = std::make_tuple(m_zoom->selectionStart(), m_zoom->selectionEnd(),
        m_timeline->revision() ^ (m_generation << 48), static_cast<int>(m_mode));
    if (!m_stats || key != m_statsKey) {
        m_stats = m_timeline->stats(groupingOf(m_mode), m_zoom->selectionStart(), m_zoom->selectionEnd());
        m_statsKey = key;
    }
    return &*m_stats;
}

GanttLayout GanttView::currentLayout() const
{
    return GanttLayout::compute(frameSize(), scene(frameSize()));
}

std::int64_t GanttView::timeAt(double x) const
{
    const GanttLayout l = currentLayout();
    return GanttCoordinates(m_zoom->visibleStart(), m_zoom->visibleEnd(), l.lanes.left(), l.lanes.width())
        .toNs(x);
}

double GanttView::xAt(std::int64_t ns) const
{
    const GanttLayout l = currentLayout();
    return GanttCoordinates(m_zoom->visibleStart(), m_zoom->visibleEnd(), l.lanes.left(), l.lanes.width())
        .toX(ns);
}

void GanttView::paintFrame(QPainter& painter, const QSize& size, bool withLegend, bool withOverview) const
{
    GanttScene s = scene(size);
    s.showLegend = withLegend && !showsImport();
    s.showOverview = withOverview;
    // A separate geometry: exporting at another size must not evict the screen's cache.
    GanttGeometry geometry;
    GanttOverview overview;
    GanttPainter::paint(painter, size, s, geometry, &overview);
}

void GanttView::paintEvent(QPaintEvent*)
{
    QElapsedTimer timer;
    timer.start();
    QPainter p(this);
    const QSize size = frameSize();
    GanttPainter::paint(p, size, scene(size), m_geometry, &m_overview);
    if (!m_scroll->isHidden())
        p.fillRect(QRect(size.width(), 0, width() - size.width(), height()), GanttColors::header());
    if (m_timeline->eventCount() == 0) {
        // Nothing to show yet: say how to get something, rather than an
        // empty axis of nanoseconds.
        p.setPen(GanttColors::text());
        p.drawText(rect(), Qt::AlignCenter,
            tr("Run the scenario (F5) to watch its tasks here, or compare every model (Ctrl+F5)."));
    }
    qCDebug(lcGanttPaint) << "paint" << timer.nsecsElapsed() / 1e6 << "ms," << m_geometry.barCount()
                          << "bars," << m_rows.size() << "rows";
}

void GanttView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateScrollBar();
}

void GanttView::zoomAt(double factor, double x)
{
    userNavigated();
    m_zoom->zoom(factor, timeAt(x));
}

void GanttView::panBy(double dxPixels)
{
    userNavigated();
    const GanttLayout l = currentLayout();
    const double nsPerPx = static_cast<double>(m_zoom->visibleSpan()) / std::max(1, l.lanes.width());
    m_zoom->pan(static_cast<std::int64_t>(std::llround(dxPixels * nsPerPx)));
}

void GanttView::wheelEvent(QWheelEvent* event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0) {
        event->ignore();
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) {
        m_scroll->setValue(m_scroll->value() - static_cast<int>(std::lround(notches * 3)));
    } else {
        const GanttLayout l = currentLayout();
        const double x = std::clamp(event->position().x(), double(l.lanes.left()), double(l.lanes.right()));
        zoomAt(std::pow(kZoomStep, notches), x);
    }
    event->accept();
}

void GanttView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    const GanttLayout l = currentLayout();
    const QPoint pos = event->position().toPoint();
    m_dragStart = m_lastPos = pos;
    if (l.overview.contains(pos)) {
        m_drag = Drag::Overview;
        mouseMoveEvent(event);
    } else if (l.ruler.contains(pos)) {
        m_drag = Drag::Select;
        m_selectAnchor = std::clamp<std::int64_t>(timeAt(pos.x()), 0, m_zoom->totalNs());
    } else if (l.lanes.contains(pos)) {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
    }
}

void GanttView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    switch (m_drag) {
    case Drag::Pan:
        panBy(m_lastPos.x() - pos.x());
        if (!m_scroll->isHidden() && m_rows.size() > 0) {
            const int rows = (m_lastPos.y() - pos.y()) / 20;
            if (rows != 0) {
                m_scroll->setValue(m_scroll->value() + rows);
                m_lastPos.setY(m_lastPos.y() - rows * 20);
            }
        }
        m_lastPos.setX(pos.x());
        break;
    case Drag::Select:
        m_zoom->setSelection(m_selectAnchor, timeAt(pos.x()));
        break;
    case Drag::Overview: {
        userNavigated();
        const GanttLayout l = currentLayout();
        const GanttCoordinates whole(
            0, std::max<std::int64_t>(1, m_zoom->totalNs()), l.overview.left(), l.overview.width());
        const std::int64_t span = m_zoom->visibleSpan();
        const std::int64_t centre = whole.toNs(pos.x());
        m_zoom->setVisible(centre - span / 2, centre - span / 2 + span);
        break;
    }
    case Drag::None:
        break;
    }
}

void GanttView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::Select && (event->position().toPoint() - m_dragStart).manhattanLength() < 3)
        m_zoom->clearSelection(); // a click on the ruler clears the selection
    m_drag = Drag::None;
    unsetCursor();
}

void GanttView::keyPressEvent(QKeyEvent* event)
{
    const GanttLayout l = currentLayout();
    const QPoint cursor = mapFromGlobal(QCursor::pos());
    // Keys zoom around the mouse when it is over the lanes, else around the centre.
    const double x = l.lanes.contains(cursor) ? cursor.x() : l.lanes.center().x();
    switch (event->key()) {
    case Qt::Key_W:
        zoomAt(kZoomStep, x);
        break;
    case Qt::Key_S:
        zoomAt(1 / kZoomStep, x);
        break;
    case Qt::Key_A:
        panBy(-kPanFraction * l.lanes.width());
        break;
    case Qt::Key_D:
        panBy(kPanFraction * l.lanes.width());
        break;
    case Qt::Key_F:
        userNavigated();
        zoomToFit();
        break;
    case Qt::Key_Escape:
        m_zoom->clearSelection();
        break;
    case Qt::Key_Up:
        m_scroll->setValue(m_scroll->value() - 1);
        break;
    case Qt::Key_Down:
        m_scroll->setValue(m_scroll->value() + 1);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool GanttView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QSize size = frameSize();
        const GanttScene s = scene(size);
        if (s.stats && GanttLayout::compute(size, s).stats.contains(help->pos())) {
            // The selection's figures: what they mean.
            QStringList lines{MetricTexts::name(Metric::Concurrency) + QStringLiteral(": ")
                + MetricTexts::definition(Metric::Concurrency)};
            if (s.stats->hasRunning)
                lines << MetricTexts::name(Metric::Parallelism) + QStringLiteral(": ")
                        + MetricTexts::definition(Metric::Parallelism);
            QToolTip::showText(help->globalPos(), lines.join(QStringLiteral("\n\n")), this);
        } else if (const auto segment = segmentAt(help->pos())) {
            QToolTip::showText(help->globalPos(), toolTipFor(*segment), this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

std::optional<Segment> GanttView::segmentAt(const QPoint& pos) const
{
    const QSize size = frameSize();
    const GanttScene s = scene(size);
    const GanttLayout l = GanttLayout::compute(size, s);
    if (!l.lanes.contains(pos))
        return std::nullopt;
    const GanttGeometry::Key key = GanttPainter::geometryKey(s, l);
    if (!m_geometry.matches(key))
        m_geometry.build(*m_timeline, key);
    const int row = (pos.y() - l.lanes.top()) / s.rowHeight;
    if (const GanttBar* bar = m_geometry.barAt(row, pos.x() - l.lanes.left()))
        return m_geometry.segment(*m_timeline, row, *bar);
    return std::nullopt;
}

QString GanttView::toolTipFor(const Segment& s) const
{
    QStringList lines;
    const engine::Plan* plan = m_plan.get();
    const bool knownTask = plan && s.task >= 0 && static_cast<std::size_t>(s.task) < plan->instances().size();
    if (s.count > 1) {
        lines << tr("%n segments", nullptr, static_cast<int>(s.count));
        lines << tr("from %1 to %2").arg(GanttTicks::duration(s.startNs), GanttTicks::duration(s.endNs));
        lines << tr("mostly: %1").arg(GanttColors::name(s.state));
        return lines.join(QLatin1Char('\n'));
    }
    if (m_timeline && m_timeline->isPrebuilt()) {
        // An imported slice: its name, where and how long.
        lines << QString::fromUtf8(
            m_timeline->segmentName(s).data(), static_cast<qsizetype>(m_timeline->segmentName(s).size()));
        if (s.step > 0)
            lines << tr("depth %1").arg(s.step);
        lines << tr("start: %1").arg(GanttTicks::duration(s.startNs));
        lines << tr("duration: %1").arg(GanttTicks::duration(s.endNs - s.startNs));
        if (s.tid != 0 || s.pid != 0)
            lines << tr("thread %1 in process %2").arg(s.tid).arg(s.pid);
        return lines.join(QLatin1Char('\n'));
    }
    if (knownTask) {
        QString task = QString::fromStdString(plan->instances()[static_cast<std::size_t>(s.task)].name);
        if (s.attempt > 1)
            task = tr("%1, attempt %2").arg(task).arg(s.attempt);
        lines << task;
        if (s.step >= 0 && static_cast<std::size_t>(s.step) < plan->spec(s.task).steps.size()) {
            lines << tr("step %1: %2")
                         .arg(s.step + 1)
                         .arg(QString::fromStdString(engine::stepLabel(plan->step(s.task, s.step))));
        }
    }
    lines << GanttColors::name(s.state);
    if (s.state == SegmentState::WaitingLock && plan && s.detail >= 0
        && static_cast<std::size_t>(s.detail) < plan->lockNames().size())
        lines << tr("lock: %1")
                     .arg(QString::fromStdString(plan->lockNames()[static_cast<std::size_t>(s.detail)]));
    if (s.state == SegmentState::Failed)
        lines << tr("reason: %1").arg(failReason(s.detail));
    lines << tr("start: %1").arg(GanttTicks::duration(s.startNs));
    lines << tr("duration: %1").arg(GanttTicks::duration(s.endNs - s.startNs));
    if (s.cpuNs > 0)
        lines << tr("CPU time of the step: %1").arg(GanttTicks::duration(s.cpuNs));
    if (s.tid != 0)
        lines << tr("thread %1 in process %2").arg(s.tid).arg(s.pid);
    if (s.core >= 0)
        lines << tr("CPU core %1").arg(s.core);
    return lines.join(QLatin1Char('\n'));
}

} // namespace overlap::ui
