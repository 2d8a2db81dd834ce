// The validation report: every problem found in a data set, each naming layer, feature and field.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace firebeat {

enum class Severity { Error, Warning };

struct Problem {
    Severity severity = Severity::Error;
    std::string code;                // stable machine-readable code, e.g. "missing_field"
    std::string layer;               // layer name as found in the source
    std::optional<std::int64_t> fid; // OGR feature id
    std::string featureId;           // the feature's own id (e.g. hazard_id), when known
    std::string field;               // field name as found in the source
    std::string message;             // what was expected
};

// Problems are kept in full up to kDetailLimit per layer and code; beyond that they are
// only counted, so a layer with a million bad rows still gives a readable report.
class Report {
  public:
    static constexpr std::size_t kDetailLimit = 50;

    void add(Problem p);
    void error(std::string code, std::string layer, std::string message, std::string field = {},
               std::optional<std::int64_t> fid = {}, std::string featureId = {});
    void warning(std::string code, std::string layer, std::string message, std::string field = {},
                 std::optional<std::int64_t> fid = {}, std::string featureId = {});
    // The problems kept in full.
    const std::vector<Problem>& problems() const { return problems_; }
    // All problems of a severity, including those only counted.
    std::size_t count(Severity s) const;
    // All problems with this code (any layer), including those only counted.
    std::size_t count(const std::string& code) const;
    bool hasErrors() const { return count(Severity::Error) > 0; }

    // Facts for the summary: features read per layer, the analysis CRS.
    std::map<std::string, std::size_t> featureCounts;
    std::string source;
    std::string analysisCrs;

    // One line per problem and a closing summary, for terminals and the QGIS log.
    std::string toText() const;
    // The same, machine-readable.
    std::string toJson() const;

  private:
    struct Tally {
        Severity severity;
        std::size_t total = 0;
    };
    std::vector<Problem> problems_;
    std::map<std::pair<std::string, std::string>, Tally> tallies_; // (layer, code)
};

std::string describe(const Problem& p);

} // namespace firebeat
