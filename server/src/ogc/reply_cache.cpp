#include "reply_cache.h"

#include <QUrlQuery>

#include <algorithm>

namespace firebeat::ogc {
namespace {

// Bookkeeping of an entry beyond its bytes (list node, index slot, strings' headers).
constexpr std::size_t kEntryOverhead = 128;

} // namespace

std::string replyCacheKey(const std::string& dataVersion, const QUrl& url) {
    QList<QPair<QString, QString>> items = QUrlQuery(url).queryItems(QUrl::FullyEncoded);
    for (auto& item : items)
        item.first = item.first.toUpper();
    // Stable: repeated parameters keep their order, which may matter to the handler.
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    QString key = url.toString(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::FullyEncoded) + '?';
    for (const auto& [name, value] : items)
        key += name + '=' + value + '&';
    return dataVersion + ' ' + key.toStdString();
}

ReplyCache::ReplyCache(std::size_t maxBytes) : maxBytes_(maxBytes) {}

HttpReply ReplyCache::fetch(const std::string& key, const std::function<HttpReply()>& compute) {
    std::unique_lock lock(mutex_);
    if (maxBytes_ == 0) {
        ++stats_.misses;
        lock.unlock();
        return compute();
    }
    for (;;) {
        if (const auto it = index_.find(key); it != index_.end()) {
            lru_.splice(lru_.begin(), lru_, it->second);
            ++stats_.hits;
            return it->second->reply;
        }
        const auto running = pending_.find(key);
        if (running == pending_.end())
            break;
        const std::shared_ptr<Pending> pending = running->second;
        computed_.wait(lock, [&] { return pending->done; });
        if (pending->reply) {
            ++stats_.shared;
            return *pending->reply;
        }
        // Its computation failed (e.g. its client went away): compute it here instead.
    }
    ++stats_.misses;
    const auto pending = std::make_shared<Pending>();
    pending_.emplace(key, pending);
    lock.unlock();

    const auto finish = [&](std::optional<HttpReply> reply) {
        lock.lock();
        pending->done = true;
        pending->reply = std::move(reply);
        pending_.erase(key);
        if (pending->reply && pending->reply->status == 200)
            store(key, *pending->reply);
        computed_.notify_all();
    };
    HttpReply reply;
    try {
        reply = compute();
    } catch (...) {
        finish(std::nullopt);
        throw;
    }
    finish(reply);
    return reply;
}

ReplyCache::Stats ReplyCache::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void ReplyCache::store(const std::string& key, const HttpReply& reply) {
    const std::size_t bytes =
        key.size() + static_cast<std::size_t>(reply.body.size() + reply.contentType.size()) + kEntryOverhead;
    if (bytes > maxBytes_ || index_.contains(key))
        return;
    lru_.push_front({key, reply, bytes});
    index_.emplace(key, lru_.begin());
    stats_.bytes += bytes;
    while (stats_.bytes > maxBytes_) {
        const Entry& last = lru_.back();
        stats_.bytes -= last.bytes;
        index_.erase(last.key);
        lru_.pop_back();
        ++stats_.evictions;
    }
    stats_.entries = lru_.size();
}

} // namespace firebeat::ogc
