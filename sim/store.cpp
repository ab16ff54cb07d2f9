#include "sim/store.hpp"

#include "sim/wait_queue.hpp"

namespace starsim::sim {

StoreTokens::StoreTokens(const std::string& name) : queue_(std::make_unique<WaitQueue>(name, 0)) {}
StoreTokens::~StoreTokens() = default;
StoreTokens::StoreTokens(StoreTokens&&) noexcept = default;
StoreTokens& StoreTokens::operator=(StoreTokens&&) noexcept = default;
void StoreTokens::take() { queue_->acquire(); }
bool StoreTokens::try_take() { return queue_->try_acquire(); }
void StoreTokens::give() { queue_->release(); }

}  // namespace starsim::sim
