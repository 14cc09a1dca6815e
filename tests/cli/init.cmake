# `parley init DIR` end to end, for ctest:
#   cmake -DPARLEY=path/to/parley -DWORK=folder -P init.cmake
# Writes a starter folder under WORK, checks that it loads and passes
# `parley check`, that a buyer message on one of its template products gets
# a suggestion, and that init refuses a folder that is not empty (exit 2)
# unless --force.
foreach(var PARLEY WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "init.cmake: -D${var}=... is required")
  endif()
endforeach()
set(dir ${WORK}/starter)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(failures "")

function(run expect_code)
  execute_process(COMMAND ${PARLEY} ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(printed "${out}${err}" PARENT_SCOPE)
  if(NOT code STREQUAL expect_code)
    set(failures "${failures}parley ${ARGN}: exit code ${code}, expected ${expect_code}\n${out}${err}\n" PARENT_SCOPE)
  endif()
endfunction()

function(expect_in text)
  string(FIND "${printed}" "${text}" at)
  if(at EQUAL -1)
    set(failures "${failures}missing from the output: ${text}\n${printed}\n" PARENT_SCOPE)
  endif()
endfunction()

run(0 init ${dir})
expect_in("00-shop.yaml (your shop and products: a template to fill in)")
expect_in("20-bargaining.yaml (as shipped)")
expect_in("parley check --rules ${dir}")
expect_in("parley chat --rules ${dir}")

# The products are the template's, not the demo shop's.
file(READ ${dir}/00-shop.yaml shop)
string(FIND "${shop}" "id: pdu" demo)
if(NOT demo EQUAL -1)
  string(APPEND failures "the starter's 00-shop.yaml still has the demo shop's products\n")
endif()

run(0 check --rules ${dir})
expect_in(": ok")
expect_in("silent situations: none")

run(0 suggest --rules ${dir} --product jacket 怕尺码不合适)
expect_in("换码")

# A folder with files in it is refused, nothing written; --force writes.
file(WRITE ${WORK}/busy/notes.txt "mine")
run(2 init ${WORK}/busy)
expect_in("not empty")
if(EXISTS ${WORK}/busy/00-shop.yaml)
  string(APPEND failures "init wrote into a folder that was not empty\n")
endif()
run(0 init ${WORK}/busy --force)
if(NOT EXISTS ${WORK}/busy/00-shop.yaml OR NOT EXISTS ${WORK}/busy/notes.txt)
  string(APPEND failures "init --force did not write the rule files beside the folder's own\n")
endif()

if(failures)
  message(FATAL_ERROR "${failures}")
endif()
