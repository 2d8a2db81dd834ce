// Replies (200 only) by data version and normalised request, least recently used first out
// when the bytes exceed the limit. Identical requests arriving together are computed once.
// Thread-safe.
#pragma once

#include "http_reply.h"

#include <QUrl>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace firebeat::ogc {

// The data version, the scheme and authority (capabilities name the server's own URL), the path
// and the query items sorted by upper-cased key (values as sent): equal for requests that differ
// only in the order or case of the parameter names.
std::string replyCacheKey(const std::string& dataVersion, const QUrl& url);

class ReplyCache {
  public:
    struct Stats {
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
        std::uint64_t shared = 0; // answered by an identical request computed at the same time
        std::uint64_t evictions = 0;
        std::size_t entries = 0;
        std::size_t bytes = 0;
    };

    // maxBytes 0: nothing is kept (every request is computed).
    explicit ReplyCache(std::size_t maxBytes);

    // The cached reply for `key`, or compute()'s (kept when it is a 200 that fits). An exception
    // from compute() reaches its caller only; requests waiting for the same key compute it then.
    HttpReply fetch(const std::string& key, const std::function<HttpReply()>& compute);
    Stats stats() const;

  private:
    struct Pending {
        bool done = false;
        std::optional<HttpReply> reply; // empty when the computation failed
    };
    struct Entry {
        std::string key;
        HttpReply reply;
        std::size_t bytes;
    };

    void store(const std::string& key, const HttpReply& reply); // with the lock held

    const std::size_t maxBytes_;
    mutable std::mutex mutex_;
    std::condition_variable computed_;
    std::list<Entry> lru_; // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    std::unordered_map<std::string, std::shared_ptr<Pending>> pending_;
    Stats stats_;
};

} // namespace firebeat::ogc
