// Opening a large trace in the window: a synthetic Chrome Trace Event file
// (X slices nested two deep on 16 threads, counters, metadata) of a given
// size is written, then opened in the main window. A 2 ms timer on the GUI
// thread measures how long the window went without its event loop while the
// pool thread parsed; the process's peak memory is compared with the file.
//
//   gui_import [megabytes=500] [file]   (offscreen unless QT_QPA_PLATFORM is set)
//
// With a file that exists, it is opened as it is.

#include "engine/clock.h"
#include "guiticker.h"
#include "ui/ganttview.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using namespace overlap;

namespace {

// Writes about `bytes` of trace: per thread, an outer slice every 100 µs
// holding two inner ones, plus a counter now and then.
void generate(const std::string& path, std::uint64_t bytes)
{
    std::ofstream out(path, std::ios::binary);
    out << "{\"traceEvents\":[\n";
    for (int t = 0; t < 16; ++t)
        out << R"({"ph":"M","pid":1,"tid":)" << t << R"(,"name":"thread_name","args":{"name":"worker )" << t
            << "\"}},\n";
    std::uint64_t written = 0;
    std::string line;
    for (std::uint64_t i = 0; written < bytes; ++i) {
        const int tid = static_cast<int>(i % 16);
        const std::uint64_t ts = (i / 16) * 100;
        line = R"({"ph":"X","pid":1,"tid":)" + std::to_string(tid) + R"(,"ts":)" + std::to_string(ts)
            + R"(,"dur":90,"name":"request","cat":"app","args":{"id":)" + std::to_string(i) + "}},\n"
            + R"({"ph":"X","pid":1,"tid":)" + std::to_string(tid) + R"(,"ts":)" + std::to_string(ts + 5)
            + R"(,"dur":40,"name":"parse","cat":"app"},)" + "\n" + R"({"ph":"X","pid":1,"tid":)"
            + std::to_string(tid) + R"(,"ts":)" + std::to_string(ts + 50)
            + R"(,"dur":30,"name":"write","cat":"app"},)" + "\n";
        if (i % 64 == 0)
            line += R"({"ph":"C","pid":1,"ts":)" + std::to_string(ts) + R"(,"name":"queue","args":{"depth":)"
                + std::to_string(i % 37) + "}},\n";
        out << line;
        written += line.size();
    }
    out << R"({"ph":"i","pid":1,"tid":0,"ts":0,"name":"end","s":"t"}]})" << '\n';
}

} // namespace

int main(int argc, char** argv)
{
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QApplication app(argc, argv);
    const double megabytes = argc > 1 ? std::atof(argv[1]) : 500;
    QTemporaryDir dir;
    std::string path = argc > 2 ? argv[2] : dir.filePath(QStringLiteral("big.json")).toStdString();
    if (!QFile::exists(QString::fromStdString(path))) {
        QElapsedTimer g;
        g.start();
        generate(path, static_cast<std::uint64_t>(megabytes * 1e6));
        std::printf("generated %s in %.1f s\n", path.c_str(), double(g.elapsed()) / 1e3);
    }
    const double fileMb = double(QFileInfo(QString::fromStdString(path)).size()) / 1e6;
    const long rssBefore = engine::ownPeakRssKib();

    ui::MainWindow window;
    window.resize(1600, 1000);
    window.show();

    bench::GuiTicker ticker;
    std::vector<qint64>& gaps = ticker.gaps;
    std::vector<std::int64_t>& busy = ticker.busy;
    int progressShown = 0;
    QObject::connect(&window, &ui::MainWindow::importFinished, [&](bool shown) {
        ticker.stop();
        std::printf(
            "import %s after %.2f s\n", shown ? "shown" : "NOT shown", double(ticker.elapsedNs()) / 1e9);
        QTimer::singleShot(0, &app, &QApplication::quit);
    });
    QTimer progressProbe;
    QObject::connect(&progressProbe, &QTimer::timeout, [&] {
        if (window.isImporting())
            ++progressShown;
    });
    ticker.start();
    progressProbe.start(100);
    if (!window.openTrace(QString::fromStdString(path)))
        return 3;
    app.exec();

    const long peakKib = engine::ownPeakRssKib();
    std::sort(gaps.begin(), gaps.end());
    std::sort(busy.begin(), busy.end());
    auto ms = [](qint64 ns) { return double(ns) / 1e6; };
    std::printf("file %.0f MB, %zu lanes on the Gantt\n", fileMb,
        static_cast<std::size_t>(window.ganttView()->laneCount()));
    std::printf("import %.0f MB/s\n", fileMb / (double(ticker.elapsedNs()) / 1e9));
    std::printf("peak RSS %.0f MB (%.0f MB before opening): %.2f x the file (target < 3)\n",
        double(peakKib) / 1024, double(rssBefore) / 1024, double(peakKib) / 1024 / fileMb);
    if (!gaps.empty())
        std::printf(
            "GUI timer gaps while importing: median %.2f ms, p99 %.2f ms, max %.2f ms; longest GUI work "
            "%.2f ms (target <= 50 ms)\n",
            ms(gaps[gaps.size() / 2]), ms(gaps[gaps.size() * 99 / 100]), ms(gaps.back()), ms(busy.back()));
    std::printf("progress bar up during %d checks (every 100 ms)\n", progressShown);
    return 0;
}
