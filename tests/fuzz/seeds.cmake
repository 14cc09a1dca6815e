# Writes each fuzz target's seed corpus under ${seed_root}/<target>/ from the
# project's own files (nothing else): buyer messages of the CLI tests, the
# scenarios and the first lines of the benchmark's messages; the states of
# tests/fuzz/seeds/*.json; the rule files of rules/, the tests and examples.
# Re-run when those files change.
set(src ${PROJECT_SOURCE_DIR})
file(GLOB scenario_files ${src}/tests/scenarios/*.yaml)
file(GLOB state_files ${src}/tests/fuzz/seeds/*.json)
file(GLOB default_rule_files ${src}/rules/*.yaml)
set(rule_files ${default_rule_files} ${src}/tests/cli/rules.yaml ${src}/tests/bench/peer_policy.yaml
               ${src}/examples/policy-test/rules/shop.yaml)
set(message_sources ${src}/tests/cli/messages.tsv ${src}/tests/cli/numerals.tsv ${src}/tests/bench/messages.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${scenario_files} ${state_files} ${rule_files} ${message_sources} ${CMAKE_CURRENT_LIST_FILE})

# Messages: the first column of the label files (not their header), the
# buyer's lines of the scenarios, 200 benchmark messages.
set(messages "")
foreach(tsv ${src}/tests/cli/messages.tsv ${src}/tests/cli/numerals.tsv)
  file(STRINGS ${tsv} rows ENCODING UTF-8)
  list(POP_FRONT rows)
  foreach(row IN LISTS rows)
    string(REGEX REPLACE "\t.*" "" text "${row}")
    list(APPEND messages "${text}")
  endforeach()
endforeach()
foreach(scenario IN LISTS scenario_files)
  file(STRINGS ${scenario} lines ENCODING UTF-8 REGEX "^ *- buyer: ")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^ *- buyer: *" "" text "${line}")
    list(APPEND messages "${text}")
  endforeach()
endforeach()
file(STRINGS ${src}/tests/bench/messages.txt bench ENCODING UTF-8 LIMIT_COUNT 200)
list(APPEND messages ${bench})
list(REMOVE_DUPLICATES messages)

# seed(TARGET CONTENT): one more seed file. Contents are passed one at a
# time, never in a list: rule files hold ';' and '[' that lists would split.
function(seed target content)
  get_property(n GLOBAL PROPERTY parley_seed_count_${target})
  if(n STREQUAL "")
    set(n 0)
    file(REMOVE_RECURSE ${seed_root}/${target})
    file(MAKE_DIRECTORY ${seed_root}/${target})
  endif()
  math(EXPR n "${n} + 1")
  set_property(GLOBAL PROPERTY parley_seed_count_${target} ${n})
  file(WRITE ${seed_root}/${target}/seed-${n} "${content}")
endfunction()

foreach(message IN LISTS messages)
  seed(text "${message}")
  seed(signals "${message}")
endforeach()

# Conversations: each state with every 40th message, and an agent's reply.
# The C API's seeds start with two control bytes (top 2, apply the first).
string(ASCII 3 1 control)
set(i 0)
foreach(message IN LISTS messages)
  math(EXPR pick "${i} % 40")
  math(EXPR i "${i} + 1")
  if(NOT pick EQUAL 0)
    continue()
  endif()
  seed(conversation "\n${message}\n好的亲, 145元包邮")
  seed(capi "${control}\n\npdu\n${message}\n好的亲, 145元包邮")
  foreach(state_file IN LISTS state_files)
    file(READ ${state_file} state)
    string(REPLACE "\n" "" state "${state}")
    seed(conversation "${state}\n${message}\n好的亲, 145元包邮")
    seed(capi "${control}\n${state}\npdu\n${message}\n好的亲, 145元包邮")
  endforeach()
endforeach()

# Rule files alone (also as the C API's reply, which it loads), and the
# default rule set as one input of many files.
foreach(rule_file IN LISTS rule_files)
  file(READ ${rule_file} yaml)
  seed(loader "${yaml}")
  seed(capi "${control}\n\npdu\n太贵了\n${yaml}")
endforeach()
set(all "")
foreach(rule_file IN LISTS default_rule_files)
  file(READ ${rule_file} yaml)
  if(NOT all STREQUAL "")
    string(APPEND all "\n#%file\n")
  endif()
  string(APPEND all "${yaml}")
endforeach()
seed(loader "${all}")
