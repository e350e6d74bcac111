#include "ui/language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace overlap::ui {

namespace {

// One translator for the life of the application, parented to it.
QTranslator* translator()
{
    static QTranslator* instance = new QTranslator(QCoreApplication::instance());
    return instance;
}

QString& currentCode()
{
    static QString code = Language::english;
    return code;
}

} // namespace

QString Language::systemDefault()
{
    return QLocale::system().language() == QLocale::Portuguese ? portuguese : english;
}

bool Language::apply(const QString& code)
{
    if (code == currentCode())
        return true;
    if (code == portuguese) {
        if (!translator()->load(QStringLiteral(":/i18n/overlap_pt_BR.qm")))
            return false;
        QCoreApplication::installTranslator(translator());
    } else {
        QCoreApplication::removeTranslator(translator());
    }
    currentCode() = code == portuguese ? portuguese : english;
    return true;
}

QString Language::current()
{
    return currentCode();
}

} // namespace overlap::ui
