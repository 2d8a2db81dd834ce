#include "catalogue_store.h"

#include <QCoreApplication>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>

namespace firebeat::ogc {

CatalogueStore::CatalogueStore(Loader load, std::unique_ptr<DataVersionProbe> probe,
                               std::chrono::milliseconds poll, bool answerWhileRebuilding)
    : load_(std::move(load)), probe_(std::move(probe)), answerWhileRebuilding_(answerWhileRebuilding) {
    token_ = probe_->token(); // before reading: a change during the read shows as a new token
    setCatalogue(load_());
    if (poll.count() > 0)
        poller_ = std::thread([this, poll] {
            std::unique_lock lock(mutex_);
            while (!stop_.wait_for(lock, poll, [this] { return stopping_; })) {
                lock.unlock();
                current(); // a check like a request's: shared with requests arriving meanwhile
                lock.lock();
            }
        });
}

CatalogueStore::~CatalogueStore() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    stop_.notify_all();
    if (poller_.joinable())
        poller_.join();
    if (rebuilder_.joinable())
        rebuilder_.join();
}

std::shared_ptr<const Catalogue> CatalogueStore::current() {
    std::unique_lock lock(mutex_);
    if (rebuilding_) // the change is known and being built: the previous catalogue meanwhile
        return catalogue_;
    // One check at a time; a request needs one that starts after it arrived, which every request
    // arriving during a running check shares.
    const std::uint64_t needed = checksStarted_ + 1;
    while (checksFinished_ < needed) {
        if (checking_) {
            checked_.wait(lock);
            continue;
        }
        checking_ = true;
        ++checksStarted_;
        lock.unlock();
        checkAndRebuild();
        lock.lock();
        checking_ = false;
        ++checksFinished_;
        checked_.notify_all();
    }
    return catalogue_;
}

std::shared_ptr<const Catalogue> CatalogueStore::latest() const {
    std::lock_guard lock(mutex_);
    return catalogue_;
}

std::uint64_t CatalogueStore::builds() const {
    std::lock_guard lock(mutex_);
    return builds_;
}

void CatalogueStore::checkAndRebuild() {
    try {
        const std::string token = probe_->token();
        if (token == token_)
            return;
        // Not retried before the data changes again when the rebuild fails (a rebuild per
        // request would stall the server).
        token_ = token;
    } catch (const std::exception& e) {
        reportFailure(e);
        return;
    }
    if (!answerWhileRebuilding_)
        return rebuild();
    if (rebuilder_.joinable()) // finished: rebuilding_ is only set again here
        rebuilder_.join();
    {
        const std::lock_guard lock(mutex_);
        rebuilding_ = true;
    }
    rebuilder_ = std::thread([this] {
        rebuild();
        const std::lock_guard lock(mutex_);
        rebuilding_ = false;
    });
}

// Printed once, not on every request.
void CatalogueStore::reportFailure(const std::exception& e) {
    if (lastError_ != e.what())
        std::fprintf(stderr, "firebeat serve: %s; serving the data as of version %s\n", e.what(),
                     latest()->dataVersion.c_str());
    lastError_ = e.what();
}

void CatalogueStore::rebuild() {
    try {
        // A test's way to watch requests during a long rebuild (a province's data takes seconds).
        if (const char* delay = std::getenv("FIREBEAT_TEST_REBUILD_DELAY_MS"))
            std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(delay)));
        setCatalogue(load_());
        std::fprintf(stderr, "firebeat serve: the data changed; layers rebuilt (data version %s)\n",
                     latest()->dataVersion.c_str());
        lastError_.clear();
    } catch (const std::exception& e) {
        reportFailure(e);
    }
}

void CatalogueStore::setCatalogue(std::shared_ptr<Catalogue> catalogue) {
    std::lock_guard lock(mutex_);
    catalogue->dataVersion = std::to_string(++builds_);
    // The data's own token where other processes compute the same; else this process's build
    // number, made unique to the process by its start time and id.
    static const std::string process =
        std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) + "." +
        std::to_string(QCoreApplication::applicationPid());
    catalogue->contentVersion = probe_->sharedAcrossProcesses()
                                    ? "data " + token_
                                    : "process " + process + " build " + catalogue->dataVersion;
    catalogue->builtAt = std::chrono::system_clock::now();
    catalogue_ = std::move(catalogue);
}

} // namespace firebeat::ogc
