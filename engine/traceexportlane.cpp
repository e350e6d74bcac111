#include "engine/traceexportlane.h"

#include <algorithm>
#include <cstdio>

namespace overlap::engine::traceexport {

namespace {

// 10^11 / 2^11: a grid point's fraction of a µs as 11 decimal digits.
constexpr std::int64_t kFractionDigitsScale = 48'828'125;

std::string microsOfTicks(std::int64_t t)
{
    std::string text;
    std::uint64_t magnitude = t < 0 ? std::uint64_t(0) - std::uint64_t(t) : std::uint64_t(t);
    if (t < 0)
        text = "-";
    text += std::to_string(magnitude / kTicksPerMicro);
    const std::uint64_t fraction = magnitude % kTicksPerMicro;
    if (fraction != 0) {
        char digits[16];
        std::snprintf(digits, sizeof digits, "%011llu",
            static_cast<unsigned long long>(fraction * kFractionDigitsScale));
        std::string_view d(digits);
        d.remove_suffix(d.size() - 1 - d.find_last_not_of('0'));
        text += '.';
        text += d;
    }
    return text;
}

} // namespace

std::int64_t ticks(std::int64_t ns)
{
    // Times past ±31 years (a broken event) are pinned there: grid points and
    // their differences then still fit in 64 bits.
    constexpr std::int64_t kLimitNs = 1'000'000'000'000'000'000;
    ns = std::clamp(ns, -kLimitNs, kLimitNs);
    if (ns < 0)
        return -ticks(-ns);
    // ns × 2048 / 1000 = ns × 256 / 125, rounded. No tie: r × 256 + 62.5 is
    // never a multiple of 125.
    const std::int64_t q = ns / 125;
    const std::int64_t r = ns % 125;
    return q * 256 + (r * 256 + 62) / 125;
}

std::string micros(std::int64_t ns)
{
    return microsOfTicks(ticks(ns));
}

std::string microsBetween(std::int64_t startNs, std::int64_t endNs)
{
    return microsOfTicks(std::max<std::int64_t>(0, ticks(endNs) - ticks(startNs)));
}

void TraceWriter::write(const std::string& event)
{
    m_out << (m_first ? "\n" : ",\n") << event;
    m_first = false;
}

void TraceWriter::metadata(int pid, int tid, const char* name, const std::string& argsJson)
{
    write(std::string(R"({"ph":"M","pid":)") + std::to_string(pid) + R"(,"tid":)" + std::to_string(tid)
        + R"(,"ts":0,"name":")" + name + R"(","args":)" + argsJson + '}');
}

std::string TraceWriter::slice(int pid, int tid, std::int64_t startNs, std::int64_t endNs,
    const std::string& quotedName, const char* category, const std::string& argsJson)
{
    std::string text = R"({"ph":")";
    text += endNs > startNs ? "X" : "i";
    text += R"(","pid":)" + std::to_string(pid) + R"(,"tid":)" + std::to_string(tid) + R"(,"ts":)"
        + micros(startNs);
    if (endNs > startNs)
        text += R"(,"dur":)" + microsBetween(startNs, endNs);
    else
        text += R"(,"s":"t")";
    text += R"(,"name":)" + quotedName + R"(,"cat":")" + category + R"(","args":{)" + argsJson + "}}";
    return text;
}

void TraceWriter::flow(char phase, int pid, int tid, std::int64_t ns, int id, const char* name)
{
    write(std::string(R"({"ph":")") + phase + R"(","pid":)" + std::to_string(pid) + R"(,"tid":)"
        + std::to_string(tid) + R"(,"ts":)" + micros(ns) + R"(,"id":)" + std::to_string(id) + R"(,"name":")"
        + name + R"(","cat":"handoff")" + (phase == 'f' ? R"(,"bp":"e")" : "") + '}');
}

ExportLane::Open& ExportLane::open(
    SliceKind kind, std::uint64_t key, const Event& start, std::int64_t plannedEndNs)
{
    const int parent = m_stack.empty() ? -1 : static_cast<int>(m_stack.back().node);
    m_nodes.push_back({start.tNs, start.tNs, kind, start.task, parent, m_nodes.size()});
    m_pending.emplace_back();
    m_stack.push_back({kind, key, start, m_nodes.size() - 1, plannedEndNs});
    return m_stack.back();
}

void ExportLane::closeTop(std::int64_t endNs, std::string event, TraceWriter& writer)
{
    if (m_stack.empty())
        return;
    const std::size_t index = m_stack.back().node;
    m_stack.pop_back();
    Node& node = m_nodes[index];
    node.endNs = std::max(node.startNs, endNs);
    node.last = m_nodes.size() - 1;
    m_pending[index - m_written] = std::move(event);
    if (!m_stack.empty())
        return;
    for (const std::string& text : m_pending)
        writer.write(text);
    m_pending.clear();
    m_written = m_nodes.size();
}

std::optional<std::size_t> ExportLane::innermost(std::int64_t ns) const
{
    // The last node starting at or before ns, then up its ancestors to the
    // first that is still going at ns: slices nest, so that one holds ns.
    const auto after = std::upper_bound(
        m_nodes.begin(), m_nodes.end(), ns, [](std::int64_t t, const Node& n) { return t < n.startNs; });
    if (after == m_nodes.begin())
        return std::nullopt;
    int i = static_cast<int>(after - m_nodes.begin()) - 1;
    while (i >= 0) {
        const Node& n = m_nodes[static_cast<std::size_t>(i)];
        const bool written = static_cast<std::size_t>(i) < m_written;
        if (written && n.endNs > ns && n.kind != SliceKind::Ready)
            return static_cast<std::size_t>(i);
        i = n.parent;
    }
    return std::nullopt;
}

std::optional<std::int64_t> ExportLane::bindPoint(std::size_t index, std::int64_t ns, bool latest) const
{
    const Node& node = m_nodes[index];
    std::optional<std::int64_t> best; // on the wanted side of ns
    std::optional<std::int64_t> fallback; // nearest to ns on the other side
    // Gaps are open intervals (lo, hi) of whole ns: a point on a boundary
    // would bind to whichever slice a reader happens to order first.
    auto gap = [&](std::int64_t lo, std::int64_t hi) {
        if (hi <= lo || lo + 1 >= hi) // no whole ns strictly inside (written so that it cannot overflow)
            return;
        if (latest) {
            const std::int64_t p = std::min(hi - 1, ns);
            if (p > lo)
                best = std::max(best.value_or(p), p);
            else if (!best && !fallback)
                fallback = lo + 1;
        } else {
            const std::int64_t p = std::max(lo + 1, ns);
            if (p < hi) {
                if (!best)
                    best = p;
            } else {
                fallback = hi - 1;
            }
        }
    };
    std::int64_t lo = node.startNs;
    for (std::size_t child = index + 1; child <= node.last && child < m_nodes.size();
         child = m_nodes[child].last + 1) {
        gap(lo, m_nodes[child].startNs);
        lo = std::max(lo, m_nodes[child].endNs);
    }
    gap(lo, node.endNs);
    return best ? best : fallback;
}

std::optional<std::int64_t> ExportLane::bindPointOrParent(
    std::size_t index, std::int64_t ns, bool latest) const
{
    // A slice its children cover whole: the arrow binds to its parent instead.
    for (int i = static_cast<int>(index); i >= 0; i = m_nodes[static_cast<std::size_t>(i)].parent) {
        if (const auto point = bindPoint(static_cast<std::size_t>(i), ns, latest))
            return point;
    }
    return std::nullopt;
}

std::optional<std::size_t> ExportLane::stepEndedBy(std::int64_t ns, int task) const
{
    // Back from the last node starting before ns to the first step: the step
    // that ended last (ready slices inside it come after it).
    const auto after
        = std::lower_bound(m_nodes.begin(), m_nodes.begin() + static_cast<std::ptrdiff_t>(m_written), ns,
            [](const Node& n, std::int64_t t) { return n.startNs < t; });
    for (auto i = static_cast<std::ptrdiff_t>(after - m_nodes.begin()) - 1; i >= 0; --i) {
        const Node& n = m_nodes[static_cast<std::size_t>(i)];
        if (n.kind == SliceKind::Step) {
            if (n.endNs <= ns && (task < 0 || n.task == task))
                return static_cast<std::size_t>(i);
            return std::nullopt;
        }
        if (n.parent < 0)
            return std::nullopt; // the top of the last tree: no step of it ended before ns
    }
    return std::nullopt;
}

std::optional<std::size_t> ExportLane::stepStartingFrom(std::int64_t ns, int task) const
{
    const auto from
        = std::lower_bound(m_nodes.begin(), m_nodes.begin() + static_cast<std::ptrdiff_t>(m_written), ns,
            [](const Node& n, std::int64_t t) { return n.startNs < t; });
    for (auto i = static_cast<std::size_t>(from - m_nodes.begin()); i < m_written; ++i) {
        const Node& n = m_nodes[i];
        if (n.kind == SliceKind::Step) {
            if (task < 0 || n.task == task)
                return i;
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> ExportLane::flowSource(std::int64_t ns, int task) const
{
    std::optional<std::size_t> node = innermost(ns);
    if (!node || m_nodes[*node].kind == SliceKind::Attempt) {
        if (const auto step = stepEndedBy(ns, task))
            node = step;
    }
    if (!node)
        return std::nullopt;
    return bindPointOrParent(*node, ns, true);
}

std::optional<std::int64_t> ExportLane::flowTarget(std::int64_t ns, int task) const
{
    std::optional<std::size_t> node = innermost(ns);
    if (!node || m_nodes[*node].kind == SliceKind::Attempt) {
        if (const auto step = stepStartingFrom(ns, task))
            node = step;
        else if (const auto ended = stepEndedBy(ns, task); ended && !node)
            return bindPointOrParent(*ended, ns, true); // taken as its step ended: the arrow ends there
    }
    if (!node)
        return std::nullopt;
    return bindPointOrParent(*node, ns, false);
}

} // namespace overlap::engine::traceexport
