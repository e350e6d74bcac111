#pragma once

// The names and descriptions of the bundled examples in the user's language.
// The files themselves stay in English (they are data, shared with the
// command line); only what the menus show is translated.

#include <QString>

namespace overlap::ui {

QString exampleName(const QString& englishName);
QString exampleDescription(const QString& englishDescription);

} // namespace overlap::ui
