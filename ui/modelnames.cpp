#include "ui/modelnames.h"

#include <QComboBox>
#include <QCoreApplication>

namespace overlap::ui {

using engine::Model;

QString modelTitle(Model model)
{
    switch (model) {
    case Model::Sequential:
        return QCoreApplication::translate("overlap::ui::ModelNames", "Sequential");
    case Model::Fibers:
        return QCoreApplication::translate("overlap::ui::ModelNames", "Fibers (asyncio)");
    case Model::Threads:
        return QCoreApplication::translate("overlap::ui::ModelNames", "Threads");
    case Model::Processes:
        return QCoreApplication::translate("overlap::ui::ModelNames", "Processes");
    }
    return {};
}

QString variantTitle(Model model, int workers, bool gil)
{
    QString title = modelTitle(model);
    if (model != Model::Sequential)
        title += QStringLiteral(" ×%1").arg(workers);
    if (gil && model == Model::Threads)
        title += QCoreApplication::translate("overlap::ui::ModelNames", " + GIL");
    return title;
}

QString shortVariantTitle(Model model, bool gil)
{
    if (model == Model::Fibers)
        return QCoreApplication::translate("overlap::ui::ModelNames", "Fibers");
    QString title = modelTitle(model);
    if (gil && model == Model::Threads)
        title += QCoreApplication::translate("overlap::ui::ModelNames", " + GIL");
    return title;
}

void fillModelCombo(QComboBox* combo)
{
    const Model models[] = {Model::Sequential, Model::Fibers, Model::Threads, Model::Processes};
    if (combo->count() == 0) {
        for (Model m : models)
            combo->addItem(modelTitle(m), static_cast<int>(m));
        return;
    }
    for (int i = 0; i < combo->count(); ++i)
        combo->setItemText(i, modelTitle(static_cast<Model>(combo->itemData(i).toInt())));
}

Model comboModel(const QComboBox* combo)
{
    return static_cast<Model>(combo->currentData().toInt());
}

void setComboModel(QComboBox* combo, Model model)
{
    const int i = combo->findData(static_cast<int>(model));
    if (i >= 0)
        combo->setCurrentIndex(i);
}

} // namespace overlap::ui
