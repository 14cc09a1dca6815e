// The Redis store: a hash per conversation, {v: version, s: state JSON},
// under the key "parley:conversation:ID", so that any number of parley
// processes on any number of machines serve one shop's conversations.
//
// A save is one Lua script, which Redis runs atomically: compare the stored
// version with the expected one, write both fields. Nothing else touches the
// keys, so there is no window between the test and the write.
//
// hiredis contexts are not thread-safe: the store keeps a pool, one context
// per call in flight. A context that fails (the server went away) is dropped
// and the call throws StoreError; the next call connects again.
#include <hiredis/hiredis.h>

#include <cstring>
#include <mutex>
#include <vector>

#include "serve/store.hpp"

namespace parley::serve {
namespace {

constexpr const char* kSaveScript =
    "local v = redis.call('HGET', KEYS[1], 'v') "
    "if v == false then v = '0' end "
    "if v ~= ARGV[1] then return 0 end "
    "local n = tonumber(v) + 1 "
    "redis.call('HSET', KEYS[1], 'v', n, 's', ARGV[2]) "
    "return n";

struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

struct ContextDeleter {
  void operator()(redisContext* c) const { redisFree(c); }
};
using Context = std::unique_ptr<redisContext, ContextDeleter>;

class RedisStore final : public Store {
 public:
  RedisStore(std::string host, int port) : host_(std::move(host)), port_(port) {
    // Once here, so that a server that is not there fails at start.
    Context first = connect();
    Reply pong(static_cast<redisReply*>(redisCommand(first.get(), "PING")));
    if (!pong || pong->type == REDIS_REPLY_ERROR) throw StoreError(describe() + ": PING failed");
    idle_.push_back(std::move(first));
  }

  std::optional<Stored> load(std::string_view id) override {
    const std::string key = key_of(id);
    Reply r = command("HMGET %b v s", key.data(), key.size());
    if (r->type != REDIS_REPLY_ARRAY || r->elements != 2) throw StoreError(describe() + ": unexpected HMGET reply");
    const redisReply* v = r->element[0];
    const redisReply* s = r->element[1];
    if (v->type == REDIS_REPLY_NIL || s->type == REDIS_REPLY_NIL) return std::nullopt;
    Stored out;
    out.version = std::strtoull(v->str, nullptr, 10);
    out.json.assign(s->str, s->len);
    return out;
  }

  std::optional<std::uint64_t> save(std::string_view id, std::string_view json,
                                    std::uint64_t expected) override {
    const std::string key = key_of(id);
    const std::string version = std::to_string(expected);
    Reply r = command("EVAL %s 1 %b %b %b", kSaveScript, key.data(), key.size(), version.data(),
                      version.size(), json.data(), json.size());
    if (r->type != REDIS_REPLY_INTEGER) throw StoreError(describe() + ": unexpected EVAL reply");
    if (r->integer == 0) return std::nullopt;
    return static_cast<std::uint64_t>(r->integer);
  }

  bool remove(std::string_view id) override {
    const std::string key = key_of(id);
    Reply r = command("DEL %b", key.data(), key.size());
    if (r->type != REDIS_REPLY_INTEGER) throw StoreError(describe() + ": unexpected DEL reply");
    return r->integer == 1;
  }

  std::string describe() const override { return "redis://" + host_ + ":" + std::to_string(port_); }

 private:
  static std::string key_of(std::string_view id) { return "parley:conversation:" + std::string(id); }

  Context connect() const {
    const timeval connect_timeout{2, 0};
    Context c(redisConnectWithTimeout(host_.c_str(), port_, connect_timeout));
    if (!c) throw StoreError(describe() + ": out of memory");
    if (c->err) throw StoreError(describe() + ": " + c->errstr);
    const timeval call_timeout{5, 0};
    redisSetTimeout(c.get(), call_timeout);
    return c;
  }

  // Runs one command on a pooled context; a context that failed is not
  // given back. Throws StoreError for a failure or an error reply.
  template <typename... Args>
  Reply command(const char* format, Args... args) {
    Context c;
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        c = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (!c) c = connect();
    Reply r(static_cast<redisReply*>(redisCommand(c.get(), format, args...)));
    if (!r) throw StoreError(describe() + ": " + (c->err ? c->errstr : "no reply"));
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(std::move(c));
    }
    if (r->type == REDIS_REPLY_ERROR) throw StoreError(describe() + ": " + std::string(r->str, r->len));
    return r;
  }

  const std::string host_;
  const int port_;
  std::mutex mutex_;
  std::vector<Context> idle_;
};

}  // namespace

std::unique_ptr<Store> open_redis_store(const std::string& host, int port) {
  return std::make_unique<RedisStore>(host, port);
}

}  // namespace parley::serve
