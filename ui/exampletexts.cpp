#include "ui/exampletexts.h"

#include <QCoreApplication>
#include <QtGlobal>

namespace overlap::ui {

namespace {

struct ExampleText {
    const char* file;
    const char* name;
    const char* description;
};

// The exact English name and description of each example file, marked for
// translation; a file whose text differs (edited later) is shown untranslated.
constexpr ExampleText kTexts[] = {
    {"cache-lock.overlap.json", QT_TRANSLATE_NOOP("overlap::ui::Examples", "Thread-safe cache behind a lock"),
        QT_TRANSLATE_NOOP("overlap::ui::Examples",
            "The Python guide's ThreadSafeCache: ten threads call get_or_compute, which looks up and "
            "computes the "
            "value while holding the cache lock, then process the result outside it. Each worker holds the "
            "\"cache\" lock for 50 ms of CPU work and then waits 200 ms. The waits overlap, but the locked "
            "parts run one at a time: look at the lock-wait segments growing from one worker to the next "
            "(about 0.7 s in all instead of 2.5 s sequential). Computing inside the lock is what serialises "
            "the workers.")},
    {"cpu-benchmark.overlap.json", QT_TRANSLATE_NOOP("overlap::ui::Examples", "CPU bound: 8 jobs"),
        QT_TRANSLATE_NOOP("overlap::ui::Examples",
            "The Python guide's CPU benchmark: eight calls of cpu_intensive(10_000_000), about 1 s of "
            "computation "
            "each. The guide claims ~8 s sequential, ~8 s with threads because of the GIL, and ~1 s with 8 "
            "processes on 8 cores. Here each job is 1 s of single-core work and the processes model starts "
            "one worker per job: the makespan is about 8 s divided by the number of cores (look at the "
            "CPU-core lanes). Switch to threads (the GIL is on) to see the jobs take turns on the GIL lane "
            "and the makespan stay near 8 s; fibers run them one after another, since CPU work never "
            "yields.")},
    {"gil-convoy.overlap.json", QT_TRANSLATE_NOOP("overlap::ui::Examples", "GIL convoy"),
        QT_TRANSLATE_NOOP("overlap::ui::Examples",
            "The Python guide's warning that the GIL stops threads from running CPU work in parallel, seen "
            "from the "
            "I/O side: one thread polls every 5 ms and needs the GIL for a moment (0.2 ms) after each "
            "wake-up, beside two threads computing for 2 s each. Every time the poller wakes it waits for "
            "the switch interval (5 ms) before the CPU threads drop the GIL, so its 100 cycles take about "
            "twice their nominal 0.52 s. Look at the GIL lane and at the poller's wait-for-GIL segments; "
            "turn the GIL off, or use processes, and the poller runs on time.")},
    {"io-benchmark.overlap.json", QT_TRANSLATE_NOOP("overlap::ui::Examples", "I/O bound: 10 downloads"),
        QT_TRANSLATE_NOOP("overlap::ui::Examples",
            "The Python guide's I/O benchmark: ten requests to httpbin.org/delay/1, i.e. ten 1 s waits, with "
            "ThreadPoolExecutor(max_workers=10). The guide claims ~10 s sequential, ~1 s with threads or "
            "asyncio and 2-3 s with processes. Run \"Compare all models\": threads and fibers overlap the "
            "ten waits (makespan about 1 s, speedup about 10), sequential takes 10 s, and processes also "
            "wait in parallel but pay for starting ten worker processes (see the start-up at the left of "
            "each lane).")},
    {"mixed.overlap.json", QT_TRANSLATE_NOOP("overlap::ui::Examples", "Mixed workload: requests and parsing"),
        QT_TRANSLATE_NOOP("overlap::ui::Examples",
            "The Python guide's advice for mixed work (asyncio for the I/O, run_in_executor or processes for "
            "the CPU "
            "part): six requests that each wait 800 ms and then parse the answer for 200 ms, plus two "
            "reports that compute for 500 ms and then write for 200 ms. 7.4 s sequential. With threads and "
            "the GIL on, the waits overlap but the CPU parts queue for the GIL; with fibers the CPU parts "
            "also block every waiting request (the event loop is busy); with processes both overlap. Compare "
            "all models and look at which model keeps the CPU-core lanes busy.")},
    {"rate-limited-api.overlap.json", QT_TRANSLATE_NOOP("overlap::ui::Examples", "Rate-limited API"),
        QT_TRANSLATE_NOOP("overlap::ui::Examples",
            "The Python guide's AsyncRateLimiter: an asyncio.Semaphore(max_concurrent) plus a minimum "
            "interval "
            "between calls. Twenty 200 ms API calls, at most 10 in flight (workers 10) and 10 calls per "
            "second. Without the limiter they would all finish after about 0.4 s; with it, starts are spaced "
            "100 ms apart, so the bars form a staircase and the run takes about 2.1 s. Set the rate to 0 to "
            "remove the limit and compare.")},
    {"retry-backoff.overlap.json",
        QT_TRANSLATE_NOOP("overlap::ui::Examples", "Retry with exponential backoff"),
        QT_TRANSLATE_NOOP("overlap::ui::Examples",
            "The Python guide's async_retry(max_attempts=3, backoff_factor=2.0): a flaky API call is retried "
            "after 1 "
            "s, then after 2 s. Six 300 ms calls fail 40 % of the time (decided by the seed, so every model "
            "fails the same attempts); with seed 2, three succeed at once, two succeed on a retry and one "
            "fails all three attempts. Look at the backoff segments growing from 1 s to 2 s, and at the "
            "other calls finishing normally while one fails for good, as with asyncio.gather(..., "
            "return_exceptions=True). A run therefore ends with one failed task.")},
    {"tarefas.overlap.json", QT_TRANSLATE_NOOP("overlap::ui::Examples", "Tarefa 1, 2 and 3"),
        QT_TRANSLATE_NOOP("overlap::ui::Examples",
            "The Python guide's first example: asyncio.gather runs \"Tarefa 1\", \"Tarefa 2\" and \"Tarefa "
            "3\", "
            "which sleep 2, 1 and 3 s. All three start at once and the run ends after about 3 s, the longest "
            "sleep, instead of the 6 s a plain loop needs; Tarefa 2 finishes first, then Tarefa 1, then "
            "Tarefa 3. Look at the three bars starting together, then compare with the sequential model "
            "(bars one after another) and with threads (same 3 s, as in the threading version of the "
            "example).")},
};

// The examples' task names: words from the Python guide's programs.
constexpr const char* kTaskNames[] = {
    QT_TRANSLATE_NOOP("overlap::ui::ExampleTasks", "worker"),
    QT_TRANSLATE_NOOP("overlap::ui::ExampleTasks", "job"),
    QT_TRANSLATE_NOOP("overlap::ui::ExampleTasks", "poller"),
    QT_TRANSLATE_NOOP("overlap::ui::ExampleTasks", "crunch"),
    QT_TRANSLATE_NOOP("overlap::ui::ExampleTasks", "download"),
    QT_TRANSLATE_NOOP("overlap::ui::ExampleTasks", "request"),
    QT_TRANSLATE_NOOP("overlap::ui::ExampleTasks", "report"),
    QT_TRANSLATE_NOOP("overlap::ui::ExampleTasks", "call"),
    QT_TRANSLATE_NOOP("overlap::ui::ExampleTasks", "flaky_api_call"),
    QT_TRANSLATE_NOOP("overlap::ui::ExampleTasks", "parse"), // the starter scenario's
};

QString translated(const QString& english)
{
    for (const ExampleText& t : kTexts) {
        if (english == QString::fromUtf8(t.name) || english == QString::fromUtf8(t.description))
            return QCoreApplication::translate("overlap::ui::Examples", english.toUtf8().constData());
    }
    return english;
}

std::string toStd(const QString& s)
{
    return s.toUtf8().toStdString();
}

} // namespace

QString exampleName(const QString& englishName)
{
    return translated(englishName);
}

QString exampleDescription(const QString& englishDescription)
{
    return translated(englishDescription);
}

QString exampleTaskName(const QString& englishTaskName)
{
    for (const char* name : kTaskNames) {
        if (englishTaskName == QLatin1String(name))
            return QCoreApplication::translate("overlap::ui::ExampleTasks", name);
    }
    return englishTaskName;
}

engine::Scenario localizedExample(engine::Scenario scenario)
{
    scenario.name = toStd(exampleName(QString::fromStdString(scenario.name)));
    scenario.description = toStd(exampleDescription(QString::fromStdString(scenario.description)));
    for (engine::TaskSpec& task : scenario.tasks)
        task.name = toStd(exampleTaskName(QString::fromStdString(task.name)));
    return scenario;
}

} // namespace overlap::ui
