// The CSV shows a cpu step's running and ready intervals as they happened.

#include "engine/csvexport.h"
#include "eventbuilder.h"
#include "testutil.h"

#include <gtest/gtest.h>
#include <sstream>

namespace {

using namespace overlap::engine;
using overlap::testing::EventBuilder;
using overlap::testutil::cpu;
using overlap::testutil::scenario;
using overlap::testutil::task;
using K = EventKind;

std::vector<std::string> rowsWithState(const std::string& text, const std::string& state)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.ends_with("," + state))
            out.push_back(line);
    }
    return out;
}

TEST(CsvExport, ACpuStepIsFollowedByItsRunningAndReadyIntervals)
{
    const Plan plan(scenario(Model::Threads, 1, {task("job", 1, {cpu(5)})}));
    RunOutput out;
    out.workers = 1;
    out.events = EventBuilder()
                     .add(K::RunStart, 0)
                     .add(K::TaskStart, 0, 0, 0, 1)
                     .add(K::StepStart, 1, 0, 0, 1, 0)
                     .add(K::OffCpu, 2, 0, 0, 1, 0, 0, 3'000'000) // off 2 → 5 ms, back on core 0
                     .add(K::StepEnd, 8, 0, 0, 1, 0, 0, 4'000'000)
                     .add(K::TaskEnd, 8, 0, 0, 1)
                     .build();
    std::ostringstream csv;
    writeStepsCsv(csv, {{&plan, &out, nullptr}});
    const std::string text = csv.str();

    ASSERT_EQ(rowsWithState(text, "step").size(), 1u) << text;
    const auto running = rowsWithState(text, "running");
    const auto ready = rowsWithState(text, "ready");
    ASSERT_EQ(running.size(), 2u) << text;
    ASSERT_EQ(ready.size(), 1u) << text;
    // start_ms,end_ms,wall_ms,cpu_ms,lane,pid,tid,core,lock
    EXPECT_NE(running[0].find(",1.000000,2.000000,1.000000,,0,100,200,0,,running"), std::string::npos)
        << text;
    EXPECT_NE(ready[0].find(",2.000000,5.000000,3.000000,,0,100,200,-1,,ready"), std::string::npos) << text;
    EXPECT_NE(running[1].find(",5.000000,8.000000,3.000000,,0,100,200,0,,running"), std::string::npos)
        << text;
    // In time order, right after their step.
    EXPECT_LT(text.find(",step\r\n"), text.find(running[0]));
    EXPECT_LT(text.find(running[0]), text.find(ready[0]));
    EXPECT_LT(text.find(ready[0]), text.find(running[1]));
}

TEST(CsvExport, AnIoStepHasNoIntervals)
{
    const Plan plan(scenario(Model::Threads, 1, {task("wait", 1, {overlap::testutil::io(5)})}));
    RunOutput out;
    out.events = EventBuilder().task(0, 0, 0, 5).build();
    std::ostringstream csv;
    writeStepsCsv(csv, {{&plan, &out, nullptr}});
    EXPECT_EQ(rowsWithState(csv.str(), "step").size(), 1u);
    EXPECT_TRUE(rowsWithState(csv.str(), "running").empty());
}

} // namespace
