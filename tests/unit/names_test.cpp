// name_problem: which characters a scenario's, an experiment's, a site's or a range's name holds.
#include "sim/config/names.hpp"

#include <doctest/doctest.h>

using starsim::sim::config::name_problem;
using starsim::sim::config::NameKind;

TEST_CASE("a name holds letters, digits, '-' and '_' of either kind") {
  for (const NameKind kind : {NameKind::FOLDER, NameKind::PLAIN}) {
    CHECK(name_problem("Starbase-2_b", kind).empty());
    CHECK(name_problem("0", kind).empty());
    CHECK(!name_problem("a/b", kind).empty());
    CHECK(!name_problem("a b", kind).empty());
    CHECK(!name_problem("a\nb", kind).empty());
    CHECK(!name_problem("caf\xc3\xa9", kind).empty());  // letters are ASCII letters
  }
}

TEST_CASE("a folder name may hold a dot but not first and a plain name none") {
  CHECK(name_problem("v1.2", NameKind::FOLDER).empty());
  CHECK(name_problem(".hidden", NameKind::FOLDER) == "'.hidden' must not start with '.'");
  CHECK(name_problem("..", NameKind::FOLDER) == "'..' must not start with '.'");
  CHECK(name_problem("v1.2", NameKind::PLAIN) ==
        "'v1.2' may hold only letters, digits, '-' and '_'");
}

TEST_CASE("the message names the characters each kind allows") {
  CHECK(name_problem("sweep/one", NameKind::FOLDER) ==
        "'sweep/one' may hold only letters, digits, '-', '_' and '.'");
  CHECK(name_problem("pad/1", NameKind::PLAIN) ==
        "'pad/1' may hold only letters, digits, '-' and '_'");
}
