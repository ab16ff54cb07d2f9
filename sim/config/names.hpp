// The characters a name may hold: one rule for every name a user gives (a scenario's, an
// experiment's, a site's, a range's).
#pragma once

#include <string>
#include <string_view>

namespace starsim::sim::config {

// A folder name (a scenario's or an experiment's: it becomes a folder under results/) may also
// hold '.', but not first (no hidden folder, no '..'); a plain name (a site's, a range's: it
// becomes a column or a label) holds only letters, digits, '-' and '_'.
enum class NameKind { FOLDER, PLAIN };

// What is wrong with `name`, for an error on its key; "" when nothing is.
std::string name_problem(std::string_view name, NameKind kind);

}  // namespace starsim::sim::config
