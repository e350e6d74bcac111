#include "engine/steptext.h"

#include <gtest/gtest.h>

using namespace overlap::engine;

TEST(StepText, ParsesKindsDurationsAndLocks)
{
    const StepsResult r = parseSteps("io 200, cpu 50 @cache,io 12.5ms ,  cpu 3 ms");
    ASSERT_TRUE(r) << r.error;
    const std::vector<Step> expected{{StepKind::Io, 200, ""}, {StepKind::Cpu, 50, "cache"},
        {StepKind::Io, 12.5, ""}, {StepKind::Cpu, 3, ""}};
    EXPECT_EQ(*r.steps, expected);
}

struct RoundTripCase {
    std::vector<Step> steps;
    std::string text;
};

// Test names show the text (CTest lists each case by its printed value).
void PrintTo(const RoundTripCase& c, std::ostream* os)
{
    *os << c.text;
}

class StepTextRoundTrip : public ::testing::TestWithParam<RoundTripCase> { };

TEST_P(StepTextRoundTrip, FormatsAndParsesBack)
{
    const RoundTripCase& c = GetParam();
    EXPECT_EQ(formatSteps(c.steps), c.text);
    const StepsResult back = parseSteps(c.text);
    ASSERT_TRUE(back) << back.error;
    EXPECT_EQ(*back.steps, c.steps);
}

INSTANTIATE_TEST_SUITE_P(Cases, StepTextRoundTrip,
    ::testing::Values(RoundTripCase{{{StepKind::Io, 1000, ""}}, "io 1000"},
        RoundTripCase{{{StepKind::Cpu, 5, "cache"}, {StepKind::Io, 20, ""}}, "cpu 5 @cache, io 20"},
        RoundTripCase{{{StepKind::Io, 0.1, ""}}, "io 0.1"},
        RoundTripCase{{{StepKind::Cpu, 1.0 / 3.0, "a b"}}, "cpu 0.3333333333333333 @a b"},
        RoundTripCase{{{StepKind::Io, 3'600'000, ""}}, "io 3600000"}));

struct ErrorCase {
    std::string text;
    std::string error;
};

void PrintTo(const ErrorCase& c, std::ostream* os)
{
    *os << '"' << c.text << '"';
}

class StepTextErrors : public ::testing::TestWithParam<ErrorCase> { };

TEST_P(StepTextErrors, NamesTheStepAndTheProblem)
{
    const StepsResult r = parseSteps(GetParam().text);
    EXPECT_FALSE(r);
    EXPECT_EQ(r.error, GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(Cases, StepTextErrors,
    ::testing::Values(ErrorCase{"", "expected at least one step, such as \"io 200, cpu 50 @cache\""},
        ErrorCase{"io fast", "step 1: expected a duration in ms (number ≥ 0), got \"fast\""},
        ErrorCase{"io 10, sleep 5", "step 2: expected \"io\" or \"cpu\", got \"sleep\""},
        ErrorCase{"io 10,", "step 2: expected a step such as \"io 200\" or \"cpu 50 @cache\", got nothing"},
        ErrorCase{"cpu -1", "step 1: expected a duration in ms (number ≥ 0), got \"-1\""},
        ErrorCase{"cpu 5 @", "step 1: expected a lock name after '@'"},
        ErrorCase{"io 5 extra", "step 1: unexpected \"extra\" after the duration"},
        ErrorCase{"io 4000000", "step 1: a step lasts at most 3600000 ms (one hour), got 4000000"},
        ErrorCase{"io", "step 1: expected a duration in ms (number ≥ 0), got \"\""}));
