// The floor for "a thread per task": N bare pthreads, each sleeping M ms,
// created one after another and joined. No Overlap code: total_ms - sleep_ms
// ("above_ms") is what the system itself charges for creating, waking and
// joining that many threads, which the threads model cannot beat.
//
//   bare_threads [N=1000] [M=100] [stack_kib=256]
//
// The stack size defaults to the engine's pool threads' (256 KiB: only address
// space, the pages touched are what costs); pass 0 for the system default
// (ulimit -s, usually 8 MiB). Prints one JSON object.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <pthread.h>
#include <vector>

namespace {

long g_sleepMs = 100;

void* sleeper(void*)
{
    timespec ts{g_sleepMs / 1000, (g_sleepMs % 1000) * 1'000'000};
    while (nanosleep(&ts, &ts) != 0) { }
    return nullptr;
}

} // namespace

int main(int argc, char** argv)
{
    const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
    g_sleepMs = argc > 2 ? std::atol(argv[2]) : 100;
    const long stackKib = argc > 3 ? std::atol(argv[3]) : 256;
    if (n <= 0 || g_sleepMs < 0 || stackKib < 0) {
        std::fprintf(stderr, "usage: bare_threads [threads] [sleep_ms] [stack_kib, 0 = default]\n");
        return 2;
    }

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    if (stackKib > 0)
        pthread_attr_setstacksize(&attr, std::size_t(stackKib) << 10);
    std::vector<pthread_t> threads(static_cast<std::size_t>(n));

    const auto t0 = std::chrono::steady_clock::now();
    int created = 0;
    for (; created < n; ++created) {
        if (pthread_create(&threads[std::size_t(created)], &attr, &sleeper, nullptr) != 0)
            break;
    }
    const auto t1 = std::chrono::steady_clock::now();
    for (int i = 0; i < created; ++i)
        pthread_join(threads[std::size_t(i)], nullptr);
    const auto t2 = std::chrono::steady_clock::now();
    pthread_attr_destroy(&attr);

    const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
    const double total = ms(t2 - t0);
    std::printf("{\"threads\":%d,\"sleep_ms\":%ld,\"stack_kib\":%ld,\"create_ms\":%.3f,\"total_ms\":%.3f,"
                "\"above_ms\":%.3f}\n",
        created, g_sleepMs, stackKib, ms(t1 - t0), total, total - double(g_sleepMs));
    return created == n ? 0 : 1;
}
