#pragma once

// The names, descriptions and task names of the bundled examples in the
// user's language. The files themselves stay in English (they are data,
// shared with the command line); the menus and an example opened in the
// window show them translated.

#include "engine/scenario.h"

#include <QString>

namespace overlap::ui {

QString exampleName(const QString& englishName);
QString exampleDescription(const QString& englishDescription);
QString exampleTaskName(const QString& englishTaskName);

// The example with its name, description and task names translated; text
// that is not one of the bundled examples' own is left as it is.
engine::Scenario localizedExample(engine::Scenario scenario);

} // namespace overlap::ui
