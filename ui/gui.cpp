#include "ui/gui.h"

#include <QApplication>
#include <QMainWindow>

namespace overlap::ui {

int runGui(int argc, char** argv)
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.show();
    return app.exec();
}

} // namespace overlap::ui
