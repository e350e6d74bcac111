#include "ui/metrictexts.h"

namespace overlap::ui {

QString MetricTexts::name(Metric metric)
{
    switch (metric) {
    case Metric::Makespan:
        return tr("makespan");
    case Metric::Work:
        return tr("work");
    case Metric::Speedup:
        return tr("speedup");
    case Metric::Concurrency:
        return tr("concurrency");
    case Metric::Parallelism:
        return tr("parallelism");
    case Metric::PeakConcurrency:
        return tr("peak");
    case Metric::Cpu:
        return tr("cpu");
    case Metric::Utilisation:
        return tr("util");
    case Metric::Running:
        return tr("running");
    case Metric::Ready:
        return tr("ready");
    case Metric::IoWait:
        return tr("io wait");
    case Metric::LockWait:
        return tr("lock wait");
    case Metric::GilWait:
        return tr("gil wait");
    case Metric::RateWait:
        return tr("rate wait");
    case Metric::Backoff:
        return tr("backoff");
    case Metric::Startup:
        return tr("start-up");
    case Metric::Rss:
        return tr("rss");
    case Metric::Tasks:
        return tr("tasks");
    case Metric::Failed:
        return tr("failed");
    case Metric::Retries:
        return tr("retries");
    case Metric::Workers:
        return tr("workers");
    case Metric::Gil:
        return tr("gil");
    case Metric::Model:
        return tr("model");
    case Metric::Count_:
        break;
    }
    return {};
}

QString MetricTexts::definition(Metric metric)
{
    switch (metric) {
    case Metric::Makespan:
        return tr("From the start of the run to the end of its last task (or its last failure).");
    case Metric::Work:
        return tr("The sum of the nominal durations of every step run, every attempt counted: "
                  "what one worker alone would need.");
    case Metric::Speedup:
        return tr("Sequential makespan ÷ this makespan, against the sequential run of the same scenario. "
                  "None for a run with failed tasks, or without a sequential run to compare with.");
    case Metric::Concurrency:
        return tr("Mean tasks in flight: the wall time of all steps ÷ the makespan. Waiting counts: "
                  "ten tasks sleeping at once are a concurrency of 10 on one core.");
    case Metric::Parallelism:
        return tr("Mean cores computing: the CPU time of all steps ÷ the makespan. At most the cores "
                  "the run can use; at most 1 under the GIL or with fibers.");
    case Metric::PeakConcurrency:
        return tr("The most steps in progress at one instant.");
    case Metric::Cpu:
        return tr("The CPU time the steps' threads used, summed over every thread and process.");
    case Metric::Utilisation:
        return tr("CPU time ÷ (makespan × the machine's cores): how much of the machine the run kept busy.");
    case Metric::Running:
        return tr("Time the tasks spent computing on a core, summed over tasks, as the timeline draws it.");
    case Metric::Ready:
        return tr("Time the tasks could have run but were off every core (another thread, process or "
                  "program had them), or woke up late after a wait; recorded when it happened.");
    case Metric::IoWait:
        return tr("Time the tasks spent waiting for I/O (an io step, up to its nominal end).");
    case Metric::LockWait:
        return tr("Time the tasks spent waiting for a lock another task held.");
    case Metric::GilWait:
        return tr("Time the tasks spent waiting for the GIL while another thread held it.");
    case Metric::RateWait:
        return tr("Time the tasks spent waiting for the rate limiter before they could start.");
    case Metric::Backoff:
        return tr("Time the tasks spent waiting before a retry (exponential backoff).");
    case Metric::Startup:
        return tr("From the start of the run until every worker was ready (for processes: spawning them).");
    case Metric::Rss:
        return tr("Peak resident memory of Overlap's engine plus each worker process.");
    case Metric::Tasks:
        return tr("Task instances in the scenario.");
    case Metric::Failed:
        return tr("Task instances whose last attempt failed. A run with failed tasks gets no speedup and "
                  "is never ranked fastest.");
    case Metric::Retries:
        return tr("Attempts that failed and were tried again.");
    case Metric::Workers:
        return tr("Workers actually started: fibers in flight, threads or processes.");
    case Metric::Gil:
        return tr("Whether the threads ran under the emulated Python GIL.");
    case Metric::Model:
        return tr("How the tasks ran: one after another, as fibers on one thread (asyncio), on threads, "
                  "or in child processes.");
    case Metric::Count_:
        break;
    }
    return {};
}

} // namespace overlap::ui
