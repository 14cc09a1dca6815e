# parley eval on label files of random bytes, for ctest:
#   cmake -DPARLEY=path/to/parley -DWORK=dir [-DFILES=10] -P fuzz.cmake
# The files mix the separators eval splits on, label words, numerals and
# arbitrary bytes (invalid UTF-8 included). parley must report (exit 0) or
# refuse malformed labels (exit 2), never crash; a well-formed file is always
# reported, and a row of invalid UTF-8 in it is named as not read.
if(NOT DEFINED PARLEY OR NOT DEFINED WORK)
  message(FATAL_ERROR "fuzz.cmake: -DPARLEY=... and -DWORK=... are required")
endif()
if(NOT DEFINED FILES)
  set(FILES 10)
endif()
file(MAKE_DIRECTORY ${WORK})

# A bare ';' would split the list: it is added below as a byte (59).
set(tokens "\t" "\t" "|" "=" "\n" "\r\n" "太贵" "150元" "一百二" "九折" "money=" "quantity=2个"
           "other" "too_expensive" "ERROR" "error" "1e308" "-" "." "9999999999999999999" " " "在吗")
list(LENGTH tokens token_count)
# A random cell: tokens and bytes, without the tab and line ends when `inner`.
function(random_cell out length inner)
  set(cell "")
  foreach(i RANGE ${length})
    string(RANDOM LENGTH 3 ALPHABET 0123456789 n)
    math(EXPR pick "${n} % (${token_count} + 8)")
    if(pick LESS token_count)
      list(GET tokens ${pick} piece)
    else()
      math(EXPR byte "${n} % 255 + 1")
      string(ASCII ${byte} piece)
    endif()
    if(inner)
      string(REGEX REPLACE "[\t\r\n]" "" piece "${piece}")
    endif()
    string(APPEND cell "${piece}")
  endforeach()
  set(${out} "${cell}" PARENT_SCOPE)
endfunction()

set(failures "")
foreach(round RANGE 1 ${FILES})
  string(RANDOM LENGTH 8 ALPHABET 0123456789 RANDOM_SEED ${round} ignored)
  # Odd rounds: random bytes everywhere, so parsing the labels is tested.
  # Even rounds: random message text under well-formed labels, so measuring is.
  math(EXPR odd "${round} % 2")
  set(content "text\tintents\texpected_price\tmentions\tvalue\tmode\n")
  if(odd)
    random_cell(cells 300 FALSE)
    string(APPEND content "${cells}")
  else()
    foreach(row RANGE 20)
      random_cell(text 12 TRUE)
      string(APPEND content "${text}\ttoo_expensive|other\t150\tmoney=150\t150\tx\n")
    endforeach()
  endif()
  set(path ${WORK}/random_${round}.tsv)
  file(WRITE ${path} "${content}")
  foreach(mode "" "--numerals")
    execute_process(COMMAND ${PARLEY} eval ${mode} ${path} RESULT_VARIABLE code OUTPUT_QUIET ERROR_QUIET)
    if(NOT (code STREQUAL "0" OR (odd AND code STREQUAL "2")))
      string(APPEND failures "parley eval ${mode} ${path}: ${code}\n")
    endif()
  endforeach()
endforeach()

string(ASCII 255 254 bad)
file(WRITE ${WORK}/invalid_utf8.tsv "text\tintents\texpected_price\tmentions\n太贵了${bad}\ttoo_expensive\t\t\n")
execute_process(COMMAND ${PARLEY} eval ${WORK}/invalid_utf8.tsv RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code STREQUAL "0" OR NOT out MATCHES "not read")
  string(APPEND failures "invalid UTF-8 row: exit ${code}, expected 0 and 'not read'\n${out}${err}\n")
endif()

if(failures)
  message(FATAL_ERROR "${failures}")
endif()
