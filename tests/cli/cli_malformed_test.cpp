// Malformed scenario files given to the real binary: every one exits 2 with a
// message that names the file and the place, and none crashes.

#include "clitestutil.h"

#include <string>

using namespace overlap::testing;

namespace {

struct Malformed {
    const char* name;
    std::string content;
    const char* place; // expected in the message
};

void PrintTo(const Malformed& m, std::ostream* os)
{
    *os << m.name;
}

class CliMalformed : public ScratchDir, public ::testing::WithParamInterface<Malformed> { };

std::string deepNesting()
{
    return std::string(100'000, '[') + std::string(100'000, ']');
}

std::string binaryGarbage()
{
    std::string s;
    for (int i = 0; i < 4096; ++i)
        s.push_back(static_cast<char>((i * 7919) % 256));
    return s;
}

const char* const kTask = R"({"name": "t", "steps": [{"io": 1}]})";

} // namespace

TEST_P(CliMalformed, ExitsTwoAndNamesThePlace)
{
    const std::string file = write("bad.overlap.json", GetParam().content);
    for (const char* command : {"run", "validate"}) {
        const ProcessResult r = runOverlap({command, file});
        EXPECT_EQ(r.code, 2) << command << ": " << r.err;
        EXPECT_NE(r.err.find("bad.overlap.json"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(GetParam().place), std::string::npos) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
}

INSTANTIATE_TEST_SUITE_P(Files, CliMalformed,
    ::testing::Values(Malformed{"Empty", "", "empty"}, Malformed{"Whitespace", " \n\t\n", "empty"},
        Malformed{"BinaryGarbage", binaryGarbage(), "line 1"},
        Malformed{"DeepNesting", deepNesting(), "nest"},
        Malformed{"NaN", R"({"tasks": [{"name": "t", "steps": [{"io": NaN}]}]})", "line 1, column"},
        Malformed{"HugeNumber", R"({"tasks": [{"name": "t", "steps": [{"io": 1e999}]}]})", "line 1, column"},
        Malformed{"HugeCount", R"({"tasks": [{"name": "t", "count": 1e30, "steps": [{"io": 1}]}]})",
            "tasks[0].count"},
        Malformed{"Truncated", "{\n  \"tasks\": [\n    {\"name\": \"t\",", "line 3"},
        Malformed{"TrailingComma", "{\"tasks\": [],\n}", "line 2, column 1"},
        Malformed{"UnknownKey", std::string(R"({"taks": [)") + kTask + "]}", "\"taks\""},
        Malformed{
            "WrongType", R"({"tasks": [{"name": "t", "steps": [{"io": "fast"}]}]})", "tasks[0].steps[0].io"},
        Malformed{"NegativeDuration", R"({"tasks": [{"name": "t", "steps": [{"cpu": -1}]}]})",
            "tasks[0].steps[0].cpu"},
        Malformed{"StepOverAnHour", R"({"tasks": [{"name": "t", "steps": [{"io": 3600001}]}]})",
            "tasks[0].steps[0].io"},
        Malformed{"TooManyInstances", R"({"tasks": [{"name": "t", "count": 100001, "steps": [{"io": 1}]}]})",
            "tasks[0].count"},
        Malformed{"BadModel", std::string(R"({"run": {"model": "greenlets"}, "tasks": [)") + kTask + "]}",
            "run.model"},
        Malformed{"NotAnObject", "[1, 2, 3]", "object"}),
    [](const ::testing::TestParamInfo<Malformed>& info) { return std::string(info.param.name); });
