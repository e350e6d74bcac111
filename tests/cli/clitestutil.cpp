#include "clitestutil.h"

#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace overlap::testing {

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

ProcessResult runOverlap(const std::vector<std::string>& args)
{
    // Output goes to files rather than pipes: no risk of a full pipe blocking the child.
    char dir[] = "/tmp/overlap-cli-run-XXXXXX";
    if (!mkdtemp(dir))
        return {};
    const std::string outPath = std::string(dir) + "/out", errPath = std::string(dir) + "/err";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> argvStrings{OVERLAP_BINARY};
    argvStrings.insert(argvStrings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argvStrings)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    // As on a machine without a display: the command line never opens a window.
    std::vector<char*> env;
    for (char** e = environ; *e; ++e) {
        const std::string_view var(*e);
        if (!var.starts_with("DISPLAY=") && !var.starts_with("WAYLAND_DISPLAY=")
            && !var.starts_with("QT_QPA_PLATFORM="))
            env.push_back(*e);
    }
    env.push_back(nullptr);
    pid_t pid = 0;
    ProcessResult result;
    if (posix_spawn(&pid, OVERLAP_BINARY, &actions, nullptr, argv.data(), env.data()) == 0) {
        int status = 0;
        waitpid(pid, &status, 0);
        result.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    posix_spawn_file_actions_destroy(&actions);
    result.out = readFile(outPath);
    result.err = readFile(errPath);
    std::filesystem::remove_all(dir);
    return result;
}

void ScratchDir::SetUp()
{
    char dir[] = "/tmp/overlap-cli-test-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    m_dir = dir;
}

void ScratchDir::TearDown()
{
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
}

std::string ScratchDir::write(const std::string& name, const std::string& content) const
{
    const std::filesystem::path file = m_dir / name;
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
}

std::string waitsScenario(int count, double ms, const std::string& model, const std::string& extraTask)
{
    std::ostringstream s;
    s << R"({"format": "overlap-scenario", "version": 1, "name": "waits",)"
      << R"( "run": {"model": ")" << model << R"("}, "tasks": [)"
      << R"({"name": "wait", "count": )" << count << R"(, "steps": [{"io": )" << ms << "}]}";
    if (!extraTask.empty())
        s << ", " << extraTask;
    s << "]}";
    return s.str();
}

} // namespace overlap::testing
