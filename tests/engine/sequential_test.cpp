#include "engine/run.h"

#include <gtest/gtest.h>

using namespace overlap::engine;

TEST(Sequential, TasksRunOneAfterAnother)
{
    Scenario s;
    s.run.model = Model::Sequential;
    s.tasks.push_back({"wait", 3, {{StepKind::Io, 20, {}}}, {}, 0});
    const RunOutput out = runPlan(Plan(s));
    ASSERT_TRUE(out.error.empty()) << out.error;
    std::vector<std::pair<std::int64_t, std::int64_t>> spans;
    std::int64_t start = -1;
    for (const Event& e : out.events) {
        if (e.kind == EventKind::StepStart)
            start = e.tNs;
        if (e.kind == EventKind::StepEnd)
            spans.push_back({start, e.tNs});
    }
    ASSERT_EQ(spans.size(), 3u);
    for (std::size_t i = 1; i < spans.size(); ++i)
        EXPECT_GE(spans[i].first, spans[i - 1].second);
    EXPECT_GE(spans.back().second, 60'000'000);
}
