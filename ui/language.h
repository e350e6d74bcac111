#pragma once

// The user-interface language: English (the source strings) or Português
// (Brasil), switchable at run time. Switching installs or removes one
// QTranslator; Qt then sends QEvent::LanguageChange to every widget, whose
// retranslateUi() relabels it.

#include <QString>

namespace overlap::ui {

class Language {
public:
    static inline const QString english = QStringLiteral("en");
    static inline const QString portuguese = QStringLiteral("pt_BR");

    // pt_BR when the system locale is Portuguese, else English.
    static QString systemDefault();
    // Returns false (and keeps the current language) when the translation cannot be loaded.
    static bool apply(const QString& code);
    static QString current();
};

} // namespace overlap::ui
