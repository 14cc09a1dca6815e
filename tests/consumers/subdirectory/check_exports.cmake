# Fails when libparley.so exports a symbol of one of src/'s internal
# namespaces, or exports none of the public API.
execute_process(COMMAND nm -DC --defined-only ${LIBRARY}
                OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm failed on ${LIBRARY}")
endif()
string(REGEX MATCHALL "[^\n]*parley::(classify|engine|expr|io|policy_internal|rules|text|utf8|util)::[^\n]*"
       internal "${symbols}")
if(internal)
  list(JOIN internal "\n" internal)
  message(FATAL_ERROR "internal symbols exported:\n${internal}")
endif()
foreach(public "parley::Engine::suggest" "parley::RuleSet::load_default" "parley::to_json"
               "typeinfo for parley::Error" "parley_version")
  string(FIND "${symbols}" "${public}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${public} is not exported")
  endif()
endforeach()
message(STATUS "exports: only the public API")
