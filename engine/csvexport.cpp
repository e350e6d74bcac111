#include "engine/csvexport.h"

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
        std::unordered_map<std::uint64_t, Event> open;
        for (const Event& e : run.output->events) {
            if (e.kind == EventKind::StepStart) {
                open[stepKey(e)] = e;
                continue;
            }
            if (e.kind != EventKind::StepEnd)
                continue;
            auto it = open.find(stepKey(e));
            // Without its start a step has no wall time; the executors always record both.
            if (it == open.end())
                continue;
            const Event b = it->second;
            open.erase(it);
            const bool known = e.task >= 0 && e.task < instances && e.step >= 0
                && std::size_t(e.step) < plan.spec(e.task).steps.size();
            const Step* step = known ? &plan.step(e.task, e.step) : nullptr;
            out << label << ',' << model << ','
                << csvField(known ? plan.instances()[std::size_t(e.task)].name : "") << ',' << e.attempt
                << ',' << e.step << ',' << (step ? (step->kind == StepKind::Io ? "io" : "cpu") : "") << ','
                << (step ? ms(step->ms) : "") << ',' << ms(b.tNs) << ',' << ms(e.tNs) << ','
                << ms(e.tNs - b.tNs) << ',' << ms(e.cpuNs) << ',' << e.lane << ',' << b.pid << ',' << b.tid
                << ',' << b.core << ',' << csvField(step ? step->lock : "") << "\r\n";
        }
    }
}

} // namespace overlap::engine
