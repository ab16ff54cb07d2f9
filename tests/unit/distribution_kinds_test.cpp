// The table of distribution kinds (sim/distribution_kinds.hpp): every DistKind has an entry,
// and every entry parses from YAML into the distribution it names, so a kind cannot be added
// to Distribution without the config reader knowing it.
#include "sim/distribution_kinds.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "sim/config/yaml_reader.hpp"

namespace {

using starsim::sim::dist_kind_info;
using starsim::sim::dist_kinds;
using starsim::sim::DistKind;
using starsim::sim::DistKindInfo;
using starsim::sim::Distribution;
using starsim::sim::config::Document;
using starsim::sim::config::MapReader;

// Every DistKind, written out: a kind added to the enum and not here fails the build (-Wswitch
// with -Werror), and the test below then asks the table for it.
const char* yaml_name(DistKind kind) {
  switch (kind) {
    case DistKind::FIXED:
      return "fixed";
    case DistKind::EXPONENTIAL:
      return "exponential";
    case DistKind::UNIFORM:
      return "uniform";
    case DistKind::TRIANGULAR:
      return "triangular";
    case DistKind::NORMAL:
      return "normal";
    case DistKind::LOGNORMAL:
      return "lognormal";
    case DistKind::WEIBULL:
      return "weibull";
    case DistKind::EMPIRICAL:
      return "empirical";
  }
  return "";
}

// Valid parameters for an entry: 1, 2, 3, ... (increasing, so ordered kinds accept them).
std::vector<double> example_params(const DistKindInfo& kind) {
  std::vector<double> out;
  for (std::size_t i = 0; i < kind.params.size(); ++i) out.push_back(1.0 + static_cast<double>(i));
  return out;
}

Distribution parse(const std::string& text) {
  Document doc = Document::load_string(text, "t.yaml");
  MapReader r(doc, doc.root(), "", nullptr);
  Distribution d = r.duration_s("t_s", std::nullopt);
  r.finish();
  return d;
}

}  // namespace

TEST_CASE("every distribution kind has an entry in the table, in the order of DistKind") {
  REQUIRE(dist_kinds().size() == 8);
  for (std::size_t i = 0; i < dist_kinds().size(); ++i) {
    const DistKindInfo& k = dist_kinds()[i];
    CAPTURE(k.name);
    CHECK(static_cast<std::size_t>(k.kind) == i);
    CHECK(std::string(k.name) == yaml_name(k.kind));
    CHECK(&dist_kind_info(k.kind) == &k);
    CHECK((k.takes_values ? k.params.empty() : !k.params.empty()));
  }
  for (DistKind kind :
       {DistKind::FIXED, DistKind::EXPONENTIAL, DistKind::UNIFORM, DistKind::TRIANGULAR,
        DistKind::NORMAL, DistKind::LOGNORMAL, DistKind::WEIBULL, DistKind::EMPIRICAL})
    CHECK(std::string(dist_kind_info(kind).name) == yaml_name(kind));
}

TEST_CASE("every kind of the table round-trips through the YAML reader") {
  for (const DistKindInfo& k : dist_kinds()) {
    CAPTURE(k.name);
    const std::vector<double> params = example_params(k);
    std::string text = fmt::format("t_s: {{dist: {}", k.name);
    for (std::size_t i = 0; i < params.size(); ++i)
      text += fmt::format(", {}: {}", k.params[i].name, params[i]);
    if (k.takes_values) text += ", values: [4, 5, 6]";
    text += "}\n";
    const Distribution d = parse(text);
    CHECK(d.kind() == k.kind);
    CHECK(std::string(d.kind_name()) == k.name);
    CHECK(d.params() == params);
    if (k.takes_values) CHECK(d.values() == std::vector<double>{4, 5, 6});
    // The factory of the entry builds the same distribution.
    const Distribution made =
        k.make(params, k.takes_values ? std::vector<double>{4, 5, 6} : std::vector<double>{});
    CHECK(made.kind() == k.kind);
    CHECK(made.params() == d.params());
    CHECK(made.values() == d.values());
  }
}
