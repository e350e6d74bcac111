// The trace import's fast path (simdjson, one event at a time) against the
// SAX parser alone (TraceImportOptions::fastPath = false): whatever the
// text and the chunk size, both must give the same trace, error and offset
// included. Then the object splitter on its own, and proof that the fast path
// does read the events of an ordinary trace.

#include "engine/traceimport.h"
#include "engine/tracescanner.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <random>
#include <sstream>

using namespace overlap::engine;

namespace {

std::string fixture(const std::string& name)
{
    return OVERLAP_SOURCE_DIR "/tests/fixtures/traces/" + name;
}

std::string readFile(const std::string& path)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    std::string text;
    if (!f)
        return text;
    char buf[65536];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        text.append(buf, n);
    std::fclose(f);
    return text;
}

// Everything an import produces, as text: two imports agree when this does.
std::string describe(const ImportedTrace& t)
{
    std::ostringstream out;
    out.precision(17);
    out << "form " << traceFormName(t.form) << " events " << t.events << " malformed " << t.malformed
        << " unmatched " << t.unmatchedEnds << " unclosed " << t.unclosedBegins << " clipped "
        << t.clippedSlices << " droppedFlows " << t.droppedFlows << " origin " << t.originNs << " span "
        << t.spanNs << " busy " << t.busyNs << " concurrency " << t.concurrency << " cpu " << t.hasThreadCpu
        << ' ' << t.threadCpuSlices << ' ' << t.threadCpuNs << ' ' << t.parallelism << " peak "
        << t.peakConcurrency << " unit " << t.displayTimeUnit << " other " << t.otherData << " missing "
        << t.missingBracket << " cancelled " << t.cancelled << " error " << t.error.offset << " "
        << t.error.message << '\n';
    for (const auto& [ph, n] : t.phases)
        out << "phase " << ph << ' ' << n << '\n';
    for (const auto& [ph, n] : t.skipped)
        out << "skipped " << ph << ' ' << n << '\n';
    for (const ImportedProcess& p : t.processes)
        out << "process " << p.pid.toString() << ' ' << p.pid.isText << ' ' << p.name << ' ' << p.sortIndex
            << '\n';
    for (std::size_t i = 0; i < t.lanes.size(); ++i) {
        const ImportedLane& l = t.lanes[i];
        out << "lane " << l.label << ' ' << static_cast<int>(l.kind) << ' ' << l.process << ' '
            << l.tid.toString() << ' ' << l.thread << ' ' << l.depth << ' ' << l.slices << ' ' << l.busyNs
            << '\n';
        for (const Segment& s : t.segments.at(i).segments())
            out << "  " << s.startNs << '-' << s.endNs << ' '
                << t.names.at(static_cast<std::size_t>(s.detail)) << ' ' << s.pid << ' ' << s.tid << ' '
                << s.task << '\n';
    }
    for (const ImportedInstant& i : t.instants)
        out << "instant " << i.ns << ' ' << t.names.at(static_cast<std::size_t>(i.name)) << ' ' << i.process
            << ' ' << i.lane << ' ' << i.scope << '\n';
    for (const ImportedCounter& c : t.counters) {
        out << "counter " << c.process << ' ' << c.name << '\n';
        for (const ImportedCounter::Series& s : c.series) {
            out << "  " << s.key;
            for (const CounterPoint& p : s.points)
                out << ' ' << p.ns << '=' << p.value;
            out << '\n';
        }
    }
    for (const ImportedFlow& f : t.flows)
        out << "flow " << f.fromNs << ' ' << f.fromLane << ' ' << f.toNs << ' ' << f.toLane << ' '
            << t.names.at(static_cast<std::size_t>(f.name)) << '\n';
    return out.str();
}

ImportedTrace importText(std::string_view text, bool fast, std::size_t chunk = std::size_t{1} << 20)
{
    TraceImportOptions options;
    options.fastPath = fast;
    options.chunkBytes = chunk;
    return importTraceText(text, "t.json", options);
}

// The fast import at this chunk size equals the SAX-only one (at the default size).
void expectSameAsSax(std::string_view text, std::size_t chunk, const std::string& what)
{
    const std::string sax = describe(importText(text, false));
    EXPECT_EQ(describe(importText(text, true, chunk)), sax) << what << ", chunks of " << chunk;
}

const std::size_t kChunks[] = {1, 2, 7, 64, 333, std::size_t{1} << 20};

struct EdgeCase {
    const char* name;
    std::string text;
};

void PrintTo(const EdgeCase& c, std::ostream* os)
{
    *os << c.name;
}

// An event that the SAX parser reads first, so that the case's own events
// follow one: only then does the fast path take over.
const std::string kFirst = R"({"ph":"X","name":"first","pid":1,"tid":1,"ts":0,"dur":100})";

std::string events(const std::string& rest)
{
    return "[" + kFirst + rest + "]";
}

class FastPathEdges : public ::testing::TestWithParam<EdgeCase> { };

} // namespace

TEST_P(FastPathEdges, ReadsAsTheSaxParserDoesAtAnyChunkSize)
{
    const EdgeCase& c = GetParam();
    for (std::size_t chunk : kChunks)
        expectSameAsSax(c.text, chunk, c.name);
}

INSTANTIATE_TEST_SUITE_P(TraceImport, FastPathEdges,
    ::testing::Values(
        EdgeCase{"BracesAndBracketsInStrings",
            events(R"(,{"ph":"X","name":"a{b}c]d[","pid":1,"tid":1,"ts":1,"dur":2,"args":{"x":"}]}"}})"
                   R"(,{"ph":"i","name":"]","pid":1,"tid":1,"ts":3})")},
        EdgeCase{"ThreadTimes",
            events(R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":200,"dur":5,"tdur":3.5,"tts":7})"
                   R"(,{"ph":"B","name":"b","pid":1,"tid":2,"ts":1,"tts":10})"
                   R"(,{"ph":"E","pid":1,"tid":2,"ts":9,"tts":12.25})"
                   R"(,{"ph":"X","name":"c","pid":1,"tid":3,"ts":1,"dur":5,"tdur":"x"})"
                   R"(,{"ph":"X","name":"d","pid":1,"tid":4,"ts":1,"dur":5,"tdur":-1,"tts":1e300})"
                   R"(,{"ph":"B","name":"open","pid":1,"tid":5,"ts":2,"tts":3})")},
        EdgeCase{"EscapedQuotesAndBackslashes",
            events(R"(,{"ph":"X","name":"say \"hi\" \\","pid":1,"tid":1,"ts":1,"dur":2})"
                   R"(,{"ph":"X","name":"\\\"}\\","pid":1,"tid":1,"ts":4,"dur":1})")},
        EdgeCase{"UnicodeEscapes",
            events(R"(,{"ph":"X","name":"caf\u00e9 \ud83d\ude00 \u0000 \/","pid":1,"tid":1,"ts":1,"dur":2})"
                   R"(,{"ph":"X","name":"caf\u00E9","pid":1,"tid":1,"ts":5,"dur":2})")},
        EdgeCase{"EscapedKeys",
            events(
                R"(,{"p\u0068":"X","n\u0061me":"a","pid":1,"tid":1,"t\u0073":1,"dur":2,"args\"":{"name":"b"}})")},
        EdgeCase{"LoneSurrogateIsAnError",
            events(R"(,{"ph":"X","name":"ok","pid":1,"tid":1,"ts":1,"dur":2})"
                   R"(,{"ph":"X","name":"\udc00","pid":1,"tid":1,"ts":5,"dur":2})")},
        EdgeCase{"RawUtf8AndBadUtf8",
            events(",{\"ph\":\"X\",\"name\":\"\xc3\xa9t\xc3\xa9\",\"pid\":1,\"tid\":1,\"ts\":1,\"dur\":2}"
                   ",{\"ph\":\"X\",\"name\":\"\xc3\",\"pid\":1,\"tid\":1,\"ts\":5,\"dur\":2}")},
        EdgeCase{"ControlCharacterInAString",
            events(",{\"ph\":\"X\",\"name\":\"tab\there\",\"pid\":1,\"tid\":1,\"ts\":1,\"dur\":2}")},
        EdgeCase{"InvalidEscapeInASkippedArg",
            events(R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2,"args":{"deep":{"p":"C:\q"}}})")},
        EdgeCase{"BadNumberInASkippedArg",
            events(R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2,"args":{"deep":[01]}})")},
        EdgeCase{"BadLiteralInASkippedArray",
            events(R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2,"stack":[tru]})")},
        EdgeCase{"WhitespaceAroundCommas",
            "[\r\n\t" + kFirst
                + " \r\n\t, \n\t{\"ph\":\"X\",\"name\":\"a\",\"pid\":1,\"tid\":1,\"ts\":1,\"dur\":2}\n"
                + "\t,{ \"ph\" : \"i\" , \"name\" : \"b\" , \"pid\" : 1 , \"tid\" : 1 , \"ts\" : 2 }  \n]\n"},
        EdgeCase{"NumbersAsStringsAndOddNumbers",
            events(
                R"(,{"ph":"X","name":"s","pid":"7","tid":"8","ts":"1","dur":2})"
                R"(,{"ph":"X","name":"f","pid":1.0,"tid":2e0,"ts":1.5e1,"dur":-0,"id":-0.0})"
                R"(,{"ph":"X","name":"big","pid":9223372036854775808,"tid":1,"ts":3,"dur":1})"
                R"(,{"ph":"X","name":"huge","pid":1,"tid":18446744073709551616,"ts":3,"dur":1})"
                R"(,{"ph":"X","name":"neg","pid":-9223372036854775809,"tid":1,"ts":3,"dur":1})"
                R"(,{"ph":"X","name":"far","pid":1,"tid":1,"ts":9300000000000000,"dur":1})"
                R"(,{"ph":"X","name":"exact","pid":1,"tid":1,"ts":0.1000000000000000055511151231257827,"dur":1})")},
        EdgeCase{"NumberOutOfRangeIsAnError",
            events(R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2},{"ph":"X","ts":1e400})")},
        EdgeCase{"DuplicateKeysTheLastWins",
            events(
                R"(,{"ph":"B","ph":"X","name":"a","name":"b","name":5,"pid":1,"tid":1,"ts":9,"ts":1,"dur":2})")},
        EdgeCase{"ArgsIdsAndNestedValues",
            events(
                R"(,{"ph":"C","name":"mem","pid":1,"ts":1,"id":"0x10","args":{"a":1,"b":2.5,"c":"x","d":{"e":1},"f":[1],"g":true,"h":null,"i":18446744073709551615}})"
                R"(,{"ph":"b","name":"job","cat":"c","pid":1,"tid":1,"ts":2,"id2":{"local":"0x1f"}})"
                R"(,{"ph":"e","name":"job","cat":"c","pid":1,"tid":1,"ts":4,"id2":{"local":31}})"
                R"(,{"ph":"b","name":"g","cat":"c","pid":1,"tid":1,"ts":2,"id2":{"global":1.5}})"
                R"(,{"ph":"M","name":"thread_name","pid":1,"tid":1,"args":{"name":"main"}})"
                R"(,{"ph":"M","name":"thread_sort_index","pid":1,"tid":1,"args":{"sort_index":-3}})"
                R"(,{"ph":"M","name":"process_name","pid":1,"args":"not an object"})"
                R"(,{"ph":"s","name":"f","cat":"c","pid":1,"tid":1,"ts":50,"id":5,"bp":"e"})"
                R"(,{"ph":"f","name":"f","cat":"c","pid":1,"tid":1,"ts":60,"id":5,"bp":"e"})"
                R"(,{"ph":"X","name":"late","pid":1,"tid":1,"ts":58,"dur":5,"args":[1,{"name":"no"}]})")},
        EdgeCase{"EmptyObjectsAndNonObjects",
            events(
                R"(,{},42,"text",[1,{"ph":"X"}],null,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2},{})")},
        EdgeCase{"TrailingComma", events(R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2},)")},
        EdgeCase{"DoubleComma",
            events(
                R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2},,{"ph":"X","name":"b","pid":1,"tid":1,"ts":4,"dur":2})")},
        EdgeCase{"MissingComma",
            events(
                R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2} {"ph":"X","name":"b","pid":1,"tid":1,"ts":4,"dur":2})")},
        EdgeCase{"MismatchedBrackets",
            events(R"(,{"ph":"X","name":"a","args":{"x":[1}],"pid":1,"tid":1,"ts":1})")},
        EdgeCase{
            "TrailingGarbage", events(R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2})") + " x"},
        EdgeCase{"TruncatedInAnEscape", "[" + kFirst + R"(,{"ph":"X","name":"a\)"},
        EdgeCase{"TruncatedAfterAComma",
            "[" + kFirst + R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2},)"},
        EdgeCase{"MissingBracketAfterFastEvents",
            "[" + kFirst + R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2})" + "\n"},
        EdgeCase{"ObjectFormWithKeysAroundTheEvents",
            R"({"displayTimeUnit":"ms","metadata":{"traceEvents":[{"ph":"X","ts":1,"dur":1}]},"traceEvents":[)"
                + kFirst
                + R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2} ],"otherData":{"v":[1.50,"\u00e9"]}})"},
        EdgeCase{"ObjectFormWithoutItsClosingBrackets",
            R"({"traceEvents":[)" + kFirst + R"(,{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2})"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(TraceImportFastPath, FixturesReadTheSameAtAnyChunkSize)
{
    for (const auto& entry :
        std::filesystem::directory_iterator(OVERLAP_SOURCE_DIR "/tests/fixtures/traces")) {
        if (entry.path().extension() != ".json")
            continue;
        const std::string text = readFile(entry.path().string());
        ASSERT_FALSE(text.empty()) << entry.path();
        for (std::size_t chunk : {std::size_t{61}, std::size_t{4096}, std::size_t{1} << 20}) {
            if (chunk < 4096 && text.size() > 100'000)
                continue; // the big ones byte by byte would take long and add nothing
            expectSameAsSax(text, chunk, entry.path().filename().string());
        }
    }
}

TEST(TraceImportFastPath, ReadsMostEventsOfAnOrdinaryTrace)
{
    const ImportedTrace t = importTraceFile(fixture("chromium_startup.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    EXPECT_GT(t.fastEvents, t.events * 99 / 100); // the SAX parser reads the first, and the odd ones
    EXPECT_LT(t.fastEvents, t.events);

    // Small chunks: an event split by a chunk boundary goes to the SAX parser, the rest stay fast.
    std::string text = "[";
    for (int i = 0; i < 2000; ++i)
        text += std::string(i ? "," : "") + R"({"name":"s{]\"","ph":"X","pid":1,"tid":)"
            + std::to_string(i % 3) + R"(,"ts":)" + std::to_string(i * 10) + R"(,"dur":5})";
    text += "]";
    const ImportedTrace sax = importText(text, false, 1000);
    const ImportedTrace fast = importText(text, true, 1000);
    EXPECT_EQ(sax.fastEvents, 0u);
    EXPECT_EQ(describe(fast), describe(sax));
    EXPECT_EQ(fast.events, 2000u);
    const std::size_t boundaries = text.size() / 1000;
    EXPECT_GE(fast.fastEvents + boundaries + 1, 2000u);
}

TEST(TraceImportFastPath, DamageAnywhereReadsAsTheSaxParserDoes)
{
    std::string text = "{\"traceEvents\":[\n";
    const char* phases[] = {"X", "B", "E", "i", "C", "b", "e", "s", "f", "M", "P"};
    for (int i = 0; i < 40; ++i) {
        const std::string ph = phases[i % 11];
        text += R"({"name":"e{)" + std::to_string(i % 7) + R"(\"]","cat":"c","ph":")" + ph
            + R"(","pid":1,"tid":)" + std::to_string(i % 3) + R"(,"ts":)" + std::to_string(i * 3) + ".5"
            + R"(,"dur":2,"id":"0x)" + std::to_string(i % 4) + R"(","args":{"v":)" + std::to_string(i)
            + R"(,"name":"n\u00e9","deep":{"x":[1,{"y":"}"}]}}})";
        text += i + 1 < 40 ? ",\n" : "\n";
    }
    text += "],\"otherData\":{\"k\":[1,2]}}";
    ASSERT_GT(importText(text, true).fastEvents, 30u);

    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        const std::string_view prefix = std::string_view(text).substr(0, cut);
        ASSERT_EQ(describe(importText(prefix, true)), describe(importText(prefix, false)))
            << "cut at " << cut;
    }
    std::mt19937 rng(4321);
    const char interesting[] = {'{', '}', '[', ']', '"', '\\', ',', ':', ' ', '0', 'e', '\x01', '\xc3'};
    for (int trial = 0; trial < 2000; ++trial) {
        std::string damaged = text;
        const std::size_t at = rng() % damaged.size();
        const int flips = 1 + static_cast<int>(rng() % 3);
        for (int f = 0; f < flips; ++f) {
            const char c
                = rng() % 2 ? interesting[rng() % sizeof interesting] : static_cast<char>(rng() % 256);
            damaged[std::min(damaged.size() - 1, at + rng() % 8)] = c;
        }
        const std::string sax = describe(importText(damaged, false));
        ASSERT_EQ(describe(importText(damaged, true)), sax) << "damage at " << at;
        ASSERT_EQ(describe(importText(damaged, true, 97)), sax) << "damage at " << at << ", chunks of 97";
    }
}

struct Split {
    const char* text;
    std::ptrdiff_t end; // -1: incomplete
};

void PrintTo(const Split& s, std::ostream* os)
{
    *os << s.text;
}

class ObjectEnd : public ::testing::TestWithParam<Split> { };

TEST_P(ObjectEnd, FollowsStringsAndEscapes)
{
    const std::string text = GetParam().text;
    const char* end = overlap::engine::traceio::findObjectEnd(text.data(), text.data() + text.size());
    EXPECT_EQ(end ? end - text.data() : -1, GetParam().end) << text;
}

INSTANTIATE_TEST_SUITE_P(TraceImportFastPath, ObjectEnd,
    ::testing::Values(Split{"{}", 2}, Split{"{} ,{}", 2}, Split{R"({"a":"}"}x)", 9},
        Split{R"({"a":"\"}"})", 11}, Split{R"({"a":"\\"}x)", 10}, Split{R"({"a":[{"b":{}}]},)", 16},
        Split{R"({"a":"]"})", 9}, Split{R"({"a":"x)", -1}, Split{R"({"a":"\)", -1}, Split{R"({"a":{})", -1},
        Split{"{", -1}));
