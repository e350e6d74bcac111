#pragma once

// Syntax checks for JSON text, run before any DOM is built. nlohmann's own
// messages carry parser jargon and raw bytes; these name the line and column
// (counted in characters, as editors do) and the problem in plain words.

#include <cstddef>
#include <string>
#include <string_view>

namespace overlap::engine {

// Empty when `text` is one well-formed JSON value, nested at most `maxDepth`
// deep, with no duplicate key in any object. Otherwise the first problem:
// "line 7, column 3: unexpected '}'", "line 1, column 65: nesting deeper than
// 64 levels", or "tasks[0]: duplicate key "name"". Never recurses, so a
// hostile file (100000 '[') costs as much as its first maxDepth brackets.
std::string checkJsonSyntax(std::string_view text, int maxDepth);

// Text for an error message: at most `max` bytes, cut at a UTF-8 boundary.
std::string clipForMessage(std::string text, std::size_t max = 40);

// A JSON string literal for an error message ("fast"), clipped.
std::string quoteForMessage(const std::string& text);

} // namespace overlap::engine
