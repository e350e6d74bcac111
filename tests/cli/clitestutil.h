#pragma once

// Helpers for driving the built `overlap` binary: a scratch directory for
// scenario and output files, and a runner that captures exit code and output.

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

namespace overlap::testing {

struct ProcessResult {
    int code = -1; // exit status, or 128 + signal
    std::string out;
    std::string err;
};

std::string readFile(const std::filesystem::path& path);

// Runs the overlap binary with `args` and waits for it.
ProcessResult runOverlap(const std::vector<std::string>& args);

class ScratchDir : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;
    std::string write(const std::string& name, const std::string& content) const;
    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    std::filesystem::path m_dir;
};

// `count` tasks of one `ms` io step each, under `model`.
std::string waitsScenario(
    int count, double ms, const std::string& model = "sequential", const std::string& extraTask = {});

} // namespace overlap::testing
