#include "util/keyword_set.hpp"

#include <algorithm>
#include <utility>

#include "parley/error.hpp"

namespace parley::util {

int KeywordSet::add(std::string_view keyword) {
  if (keyword.empty() || compiled()) return -1;
  pending_.emplace_back(keyword);
  lengths_.push_back(static_cast<std::uint32_t>(keyword.size()));
  return static_cast<int>(lengths_.size() - 1);
}

void KeywordSet::compile() {
  if (compiled()) return;

  // Byte classes: each byte used by some keyword is a class of its own; every
  // other byte falls in class 0, which always leads back towards the root.
  std::uint32_t classes = 1;
  for (const std::string& keyword : pending_) {
    for (char c : keyword) {
      auto byte = static_cast<unsigned char>(c);
      if (byte_class_[byte] == 0) byte_class_[byte] = static_cast<std::uint16_t>(classes++);
    }
  }
  classes_ = classes;

  // The trie, with sparse children while building.
  struct Node {
    std::vector<std::pair<std::uint16_t, std::uint32_t>> children;  // (class, node)
    std::vector<std::uint32_t> keywords;
  };
  std::vector<Node> trie(1);
  for (std::uint32_t k = 0; k < pending_.size(); ++k) {
    std::uint32_t node = 0;
    for (char c : pending_[k]) {
      std::uint16_t cls = byte_class_[static_cast<unsigned char>(c)];
      auto& children = trie[node].children;
      auto it = std::find_if(children.begin(), children.end(),
                             [cls](const auto& child) { return child.first == cls; });
      if (it != children.end()) {
        node = it->second;
      } else {
        auto next = static_cast<std::uint32_t>(trie.size());
        children.emplace_back(cls, next);
        trie.emplace_back();
        node = next;
      }
    }
    trie[node].keywords.push_back(k);
  }

  const std::uint32_t width = classes_ + 1;
  if (trie.size() * std::uint64_t{width} > kMaxRows) {
    throw Error("keyword set too large: " + std::to_string(pending_.size()) + " keywords need " +
                std::to_string(trie.size()) + " states");
  }

  // Breadth-first, so that a state's failure state (always shallower) has its
  // row and its outputs complete before the state itself is filled in.
  table_.assign(trie.size() * width, 0);
  std::vector<std::uint32_t> fail(trie.size(), 0);
  std::vector<std::vector<std::uint32_t>> outputs(trie.size());
  std::vector<std::uint32_t> queue{0};
  for (std::size_t head = 0; head < queue.size(); ++head) {
    std::uint32_t state = queue[head];
    outputs[state] = std::move(trie[state].keywords);
    if (state != 0) {
      const auto& inherited = outputs[fail[state]];
      outputs[state].insert(outputs[state].end(), inherited.begin(), inherited.end());
    }
    std::uint32_t* row = &table_[state * width];
    if (state != 0) {
      const std::uint32_t* fail_row = &table_[fail[state] * width];
      std::copy(fail_row, fail_row + classes_, row);
    }
    for (auto [cls, child] : trie[state].children) {
      fail[child] = state == 0 ? 0 : table_[fail[state] * width + cls] / width;
      row[cls] = child * width;
      queue.push_back(child);
    }
  }
  // Renumber the states so that those where keywords end come last: an
  // entry then says that some keyword ends where it leads by being at least
  // first_output_row_, one comparison at match time and no mask. The root
  // (no keyword is empty) stays first.
  std::vector<std::uint32_t> renumbered(trie.size());
  std::uint32_t next = 0;
  for (int with_output = 0; with_output < 2; ++with_output) {
    if (with_output) first_output_row_ = next * width;
    for (std::size_t s = 0; s < trie.size(); ++s) {
      if (outputs[s].empty() != (with_output == 0)) continue;
      renumbered[s] = next++;
    }
  }
  std::vector<std::uint32_t> table(table_.size(), 0);
  for (std::size_t s = 0; s < trie.size(); ++s) {
    const std::uint32_t* old_row = &table_[s * width];
    std::uint32_t* row = &table[renumbered[s] * width];
    for (std::uint32_t c = 0; c < classes_; ++c) row[c] = renumbered[old_row[c] / width] * width;
    if (!outputs[s].empty()) {
      row[classes_] = static_cast<std::uint32_t>(outputs_.size());
      outputs_.insert(outputs_.end(), outputs[s].begin(), outputs[s].end());
      outputs_.push_back(kEndOfOutputs);
    }
  }
  table_ = std::move(table);
  pending_.clear();
  pending_.shrink_to_fit();
}

std::size_t KeywordSet::memory_bytes() const {
  return sizeof(*this) + (table_.capacity() + outputs_.capacity() + lengths_.capacity()) * sizeof(std::uint32_t);
}

void KeywordSet::match(std::string_view text, std::vector<Match>& out) const {
  out.clear();
  for_each_match(text, [&out](const Match& m) { out.push_back(m); });
}

}  // namespace parley::util
