# `parley eval` on small labelled files written for these tests (tests/cli/),
# with their own rule set so the figures do not move when rules/ changes.
# Each test runs the command and checks the figures and misses it prints
# (tests/cli/expect.cmake; the checks are in the .expected files).
if(TARGET parley_cli)
  set(cli_dir ${CMAKE_CURRENT_SOURCE_DIR}/cli)

  function(parley_eval_test name expected exit_code)
    add_test(NAME eval.${name}
      COMMAND ${CMAKE_COMMAND} -DPARLEY=$<TARGET_FILE:parley_cli> "-DARGS=${ARGN}"
              -DEXPECT=${cli_dir}/${expected} -DEXIT_CODE=${exit_code} -P ${cli_dir}/expect.cmake)
  endfunction()

  set(messages --rules ${cli_dir}/rules.yaml ${cli_dir}/messages.tsv)
  parley_eval_test(messages messages.expected 0 eval ${messages})
  parley_eval_test(messages_json messages_json.expected 0 eval --json ${messages})
  parley_eval_test(messages_map messages_map.expected 0 eval --json --map greeting=too_expensive ${messages})
  set(two --rules ${cli_dir}/rules.yaml ${cli_dir}/two_labellers.tsv)
  parley_eval_test(two_labellers two_labellers.expected 0 eval --progress --max-misses 1 ${two})
  parley_eval_test(two_labellers_json two_labellers_json.expected 0 eval --json --max-misses 0 ${two})
  parley_eval_test(second_missing second_missing.expected 2 eval --second intents3 ${two})
  parley_eval_test(numerals numerals.expected 0 eval --numerals ${cli_dir}/numerals.tsv)
  parley_eval_test(numerals_json numerals_json.expected 0 eval --numerals --json ${cli_dir}/numerals.tsv)
  parley_eval_test(bad_labels bad_labels.expected 2 eval ${cli_dir}/bad_labels.tsv)
  parley_eval_test(missing_columns missing_columns.expected 2 eval ${cli_dir}/missing_columns.tsv)

  add_test(NAME eval.random_bytes
    COMMAND ${CMAKE_COMMAND} -DPARLEY=$<TARGET_FILE:parley_cli> -DWORK=${CMAKE_CURRENT_BINARY_DIR}/eval_fuzz
            -P ${cli_dir}/fuzz.cmake)
endif()
