// The catalogue of layers of the data as it is now: every request checks the data version (a
// probe started after the request arrived, shared with the requests that arrived meanwhile) and
// the first request after a change waits for the layers to be rebuilt, so rows added to the
// database show on the next request. Or, answering while rebuilding: a change starts the rebuild
// in the background and requests get the previous catalogue until it is done, so no request waits
// for one (a change shows within the rebuild's time instead). Thread-safe.
#pragma once

#include "data_version.h"
#include "map_layer.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace firebeat::ogc {

class CatalogueStore {
  public:
    // Reads the data and makes its layers (its dataVersion is set here). Throws on failure.
    using Loader = std::function<std::shared_ptr<Catalogue>()>;

    // Loads the first catalogue now; throws what `load` or `probe` throws. With a positive
    // `poll`, a background thread also checks the data that often and rebuilds the layers (the
    // heatmap's kernels included) as soon as it changed, so the request after a change usually
    // finds them built instead of building them itself.
    CatalogueStore(Loader load, std::unique_ptr<DataVersionProbe> probe,
                   std::chrono::milliseconds poll = std::chrono::milliseconds(0),
                   bool answerWhileRebuilding = false);
    ~CatalogueStore();
    CatalogueStore(const CatalogueStore&) = delete;
    CatalogueStore& operator=(const CatalogueStore&) = delete;

    // The catalogue of the data as of a moment after this call began. When the data cannot be
    // read or checked, the last good catalogue (the error goes to stderr).
    std::shared_ptr<const Catalogue> current();
    // The last catalogue built, without checking the data.
    std::shared_ptr<const Catalogue> latest() const;
    std::uint64_t builds() const;

  private:
    void checkAndRebuild(); // called by one thread at a time, without the lock
    void rebuild();         // load_() into the catalogue, its failure reported
    void reportFailure(const std::exception& e);
    void setCatalogue(std::shared_ptr<Catalogue> catalogue);

    Loader load_;
    std::unique_ptr<DataVersionProbe> probe_;
    std::string token_;     // of the data the catalogue was built from (or failed to be)
    std::string lastError_; // printed once, not on every request

    mutable std::mutex mutex_;
    std::condition_variable checked_;
    std::shared_ptr<const Catalogue> catalogue_;
    std::uint64_t builds_ = 0;
    std::uint64_t checksStarted_ = 0, checksFinished_ = 0;
    bool checking_ = false;
    bool stopping_ = false;
    const bool answerWhileRebuilding_;
    bool rebuilding_ = false; // a background rebuild is running (answerWhileRebuilding_)
    std::thread rebuilder_;
    std::condition_variable stop_;
    std::thread poller_;
};

} // namespace firebeat::ogc
