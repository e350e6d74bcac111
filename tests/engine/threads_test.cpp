// The threads model's machinery: pool threads' stacks, and the stop signal
// every blocking wait of a run sleeps on.

#include "engine/executor.h"
#include "engine/poolthread.h"
#include "testutil.h"

#include <gtest/gtest.h>
#include <pthread.h>
#include <thread>

using namespace overlap::engine;
using namespace overlap::testutil;

TEST(PoolThread, UsesItsSmallStack)
{
    std::size_t stackBytes = 0;
    PoolThread thread;
    ASSERT_TRUE(thread.start([&] {
        pthread_attr_t attr;
        ASSERT_EQ(pthread_getattr_np(pthread_self(), &attr), 0);
        pthread_attr_getstacksize(&attr, &stackBytes);
        pthread_attr_destroy(&attr);
    }));
    thread.join();
    // The C library may round up to whole pages, never to its 8 MiB default.
    EXPECT_GE(stackBytes, PoolThread::kStackBytes);
    EXPECT_LT(stackBytes, PoolThread::kStackBytes + (64u << 10));
}

TEST(StopSignal, SleepsUntilTheDeadline)
{
    StopSignal stop;
    const std::int64_t deadline = monotonicNs() + 20'000'000;
    EXPECT_TRUE(stop.sleepUntilMonotonic(deadline));
    EXPECT_GE(monotonicNs(), deadline); // never early: the run's waits are on this clock
    EXPECT_TRUE(stop.sleepUntilMonotonic(deadline - 1'000'000'000)); // a past deadline returns at once
}

TEST(StopSignal, AStopWakesEverySleeper)
{
    StopSignal stop;
    const std::int64_t farAway = monotonicNs() + 3'600'000'000'000; // an hour
    std::vector<std::thread> sleepers;
    std::atomic<int> woken{0};
    for (int i = 0; i < 8; ++i) {
        sleepers.emplace_back([&] {
            if (!stop.sleepUntilMonotonic(farAway))
                woken.fetch_add(1);
        });
    }
    stop.request();
    for (auto& t : sleepers)
        t.join(); // would hang for an hour if a sleeper missed the stop
    EXPECT_EQ(woken.load(), 8);
    EXPECT_TRUE(stop.requested());
    EXPECT_FALSE(stop.sleepUntilMonotonic(farAway)); // already stopped: no sleep at all
}

// A thread per task, all asleep in long waits: Stop reaches every one of them.
TEST(ThreadsModel, StopWakesAThreadPerTask)
{
    const int threadsBefore = threadCount();
    RunOptions options;
    overlap::engine::Run run(Plan(scenario(Model::Threads, 0, {task("long", 300, {io(60'000)})})), options);
    run.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    run.cancel();
    run.wait(); // a missed wake-up would hold this for a minute
    const RunOutput& out = run.output();
    EXPECT_TRUE(out.cancelled);
    EXPECT_EQ(count(out, EventKind::TaskEnd), 0);
    EXPECT_EQ(count(out, EventKind::WorkerStart), count(out, EventKind::WorkerExit));
    EXPECT_EQ(threadCount(), threadsBefore);
}
