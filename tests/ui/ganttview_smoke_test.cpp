#include "ui/ganttview.h"

#include <gtest/gtest.h>

TEST(GanttView, Constructs)
{
    overlap::ui::GanttView view;
    view.resize(400, 300);
    EXPECT_EQ(view.width(), 400);
}
