#include "engine/traceimport.h"

#include "engine/traceassembler.h"
#include "engine/tracereader.h"
#include "engine/tracesax.h"
#include "engine/tracescanner.h"

#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <sys/stat.h>

namespace overlap::engine {

namespace {

using namespace traceio;

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

void import(
    ChunkSource& source, std::uint64_t totalBytes, const TraceImportOptions& options, ImportedTrace& out)
{
    out.fileBytes = totalBytes;
    ChunkReader reader(source, totalBytes, options);
    TraceAssembler assembler(out);
    TraceSaxHandler handler(assembler);
    TraceEventScanner scanner(assembler);
    if (options.fastPath) {
        handler.setAfterEvent([&] {
            reader.skipAhead([&](const char* pos, const char* end) { return scanner.skipEvents(pos, end); });
        });
    }
    try {
        nlohmann::json::sax_parse(ChunkIterator(&reader), ChunkIterator(), &handler);
    } catch (const std::exception& e) {
        // Only resource exhaustion gets here: the parser reports bad input through the handler.
        out.error = {out.file + ": " + e.what(), reader.consumed()};
        out.form = TraceForm::Unknown;
        return;
    }

    out.fastEvents = scanner.eventsRead();
    if (reader.cancelled()) {
        out.cancelled = true;
        assembler.finish(true);
        out.form
            = handler.form() == TraceForm::Array || handler.sawEvents() ? handler.form() : TraceForm::Unknown;
        return;
    }

    if (reader.readFailed()) {
        out.error = {out.file + ": byte " + std::to_string(reader.consumed())
                + ": read error: " + std::strerror(errno),
            reader.consumed()};
    } else if (handler.failed()) {
        // The parser counts the bytes it read, the one it choked on (or the
        // end of the token it could not use) included: the offset is the one before.
        const std::uint64_t position = handler.errorPosition() + reader.skipped();
        std::uint64_t offset = position > 0 ? position - 1 : 0;
        if (reader.reachedEnd())
            offset = std::min(offset, reader.consumed()); // consumed() is then the whole input
        const bool atEnd = reader.reachedEnd() && offset == reader.consumed();
        if (atEnd && handler.betweenEvents()) {
            // Allowed by the format for the array form; Node and Chromium
            // leave the object form so too when killed: what was written is complete.
            out.missingBracket = true;
        } else {
            out.error = {out.file + ": byte " + std::to_string(offset) + ": " + handler.errorText(), offset};
        }
    }

    out.form = handler.form();
    if (out.form == TraceForm::Object && !handler.sawEvents())
        out.form = TraceForm::Unknown;
    if (out.form == TraceForm::Unknown && !out.hasError())
        out.error = {out.file
                + ": not a Chrome Trace Event file (expected an array of events or an object "
                  "with a \"traceEvents\" array)",
            0};
    out.displayTimeUnit = handler.displayTimeUnit();
    out.otherData = handler.takeOtherData();
    assembler.finish();
    reader.finish();
}

} // namespace

std::string_view traceFormName(TraceForm form)
{
    switch (form) {
    case TraceForm::Array:
        return "array";
    case TraceForm::Object:
        return "object";
    case TraceForm::Unknown:
        break;
    }
    return "unknown";
}

std::string ImportedProcess::label() const
{
    return name.empty() ? "pid " + pid.toString() : name;
}

std::size_t ImportedTrace::sliceCount() const
{
    std::size_t n = 0;
    for (const ImportedLane& lane : lanes)
        n += lane.slices;
    return n;
}

ImportedTrace importTraceFile(const std::string& path, const TraceImportOptions& options)
{
    ImportedTrace out;
    out.file = path;
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    struct stat st { };
    if (!file || fstat(fileno(file.get()), &st) != 0) {
        out.error = {path + ": cannot open: " + std::strerror(errno), 0};
        return out;
    }
    if (S_ISDIR(st.st_mode)) {
        out.error = {path + ": is a directory", 0};
        return out;
    }
    FileChunks source(file.get(), options.chunkBytes);
    import(source, S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0, options, out);
    return out;
}

ImportedTrace importTraceText(
    std::string_view text, const std::string& name, const TraceImportOptions& options)
{
    ImportedTrace out;
    out.file = name;
    MemoryChunks source(text, options.chunkBytes);
    import(source, text.size(), options, out);
    return out;
}

Timeline takeTimeline(ImportedTrace& trace)
{
    PrebuiltLanes data;
    data.lanes = std::move(trace.segments);
    trace.segments.clear();
    // One flat list of rows: with several processes, a lane says which one it belongs to.
    std::set<int> processes;
    for (const ImportedLane& lane : trace.lanes)
        processes.insert(lane.process);
    const bool manyProcesses = processes.size() > 1;
    for (const ImportedLane& lane : trace.lanes) {
        std::string label = lane.label;
        if (manyProcesses && lane.process >= 0)
            label = trace.processes[static_cast<std::size_t>(lane.process)].label() + " \u00b7 " + label;
        data.labels.push_back(std::move(label));
        data.busy.push_back(lane.kind == ImportedLaneKind::Thread && lane.depth == 0);
    }
    data.names = trace.names;
    for (const ImportedFlow& f : trace.flows)
        data.arrows.push_back({f.fromNs, f.fromLane, f.toNs, f.toLane, HandOffKind::Flow});
    data.endNs = trace.spanNs;
    data.eventCount = trace.events;
    return Timeline::fromLanes(std::move(data));
}

} // namespace overlap::engine
