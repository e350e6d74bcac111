#include "engine/csvexport.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace overlap::engine {

namespace {

std::string ms(std::int64_t ns)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", double(ns) / 1e6);
    return buf;
}

std::string ms(double value)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", value);
    return buf;
}

std::uint64_t stepKey(const Event& e)
{
    return (std::uint64_t(std::uint32_t(e.task)) << 32) | (std::uint64_t(std::uint16_t(e.attempt)) << 16)
        | std::uint64_t(std::uint16_t(e.step));
}

} // namespace

std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

void writeStepsCsv(std::ostream& out, const std::vector<ExportedRun>& runs)
{
    out << kCsvColumns << "\r\n";
    for (const ExportedRun& run : runs) {
        const Plan& plan = *run.plan;
        const std::string label = csvField(runLabel(plan, *run.output));
        const std::string model(modelName(plan.run().model));
        const int instances = static_cast<int>(plan.instances().size());
        // Each open step with the off-core intervals recorded inside it so far.
        std::unordered_map<std::uint64_t, std::pair<Event, std::vector<Event>>> open;
        for (const Event& e : run.output->events) {
            if (e.kind == EventKind::StepStart) {
                open[stepKey(e)] = {e, {}};
                continue;
            }
            if (e.kind == EventKind::OffCpu) {
                if (auto it = open.find(stepKey(e)); it != open.end())
                    it->second.second.push_back(e);
                continue;
            }
            if (e.kind != EventKind::StepEnd)
                continue;
            auto it = open.find(stepKey(e));
            // Without its start a step has no wall time; the executors always record both.
            if (it == open.end())
                continue;
            const Event b = it->second.first;
            const std::vector<Event> offCore = std::move(it->second.second);
            open.erase(it);
            const bool known = e.task >= 0 && e.task < instances && e.step >= 0
                && std::size_t(e.step) < plan.spec(e.task).steps.size();
            const Step* step = known ? &plan.step(e.task, e.step) : nullptr;
            const std::string task = csvField(known ? plan.instances()[std::size_t(e.task)].name : "");
            const char* kind = step ? (step->kind == StepKind::Io ? "io" : "cpu") : "";
            const std::string nominal = step ? ms(step->ms) : "";
            const std::string lock = csvField(step ? step->lock : "");
            auto row = [&](std::int64_t from, std::int64_t to, const std::string& cpu, int core,
                           const char* state) {
                out << label << ',' << model << ',' << task << ',' << e.attempt << ',' << e.step << ','
                    << kind << ',' << nominal << ',' << ms(from) << ',' << ms(to) << ',' << ms(to - from)
                    << ',' << cpu << ',' << e.lane << ',' << b.pid << ',' << b.tid << ',' << core << ','
                    << lock << ',' << state << "\r\n";
            };
            row(b.tNs, e.tNs, ms(e.cpuNs), b.core, "step");
            if (!step || step->kind != StepKind::Cpu)
                continue;
            std::int64_t runningFrom = b.tNs;
            int core = b.core;
            for (const Event& off : offCore) {
                const std::int64_t from = std::clamp(off.tNs, runningFrom, e.tNs);
                const std::int64_t to = std::clamp(off.tNs + off.cpuNs, from, e.tNs);
                if (from > runningFrom)
                    row(runningFrom, from, "", core, "running");
                if (to > from)
                    row(from, to, "", -1, "ready");
                runningFrom = to;
                core = off.core;
            }
            if (e.tNs > runningFrom)
                row(runningFrom, e.tNs, "", core, "running");
        }
    }
}

} // namespace overlap::engine
