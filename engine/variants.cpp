#include "engine/variants.h"

namespace overlap::engine {

std::vector<Scenario> compareVariants(const Scenario& base, std::optional<int> workers)
{
    std::vector<Scenario> out;
    auto with = [&](Model model, bool gil) {
        Scenario s = base;
        s.run.model = model;
        s.run.gil = gil;
        if (workers)
            s.run.workers = *workers;
        out.push_back(std::move(s));
    };
    with(Model::Sequential, false);
    with(Model::Fibers, false);
    with(Model::Threads, false);
    with(Model::Threads, true);
    with(Model::Processes, false);
    return out;
}

} // namespace overlap::engine
