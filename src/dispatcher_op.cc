#include "dispatcher_op.h"

#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/core/function_schema.h>
#include <ATen/core/jit_type.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace gtest_fx::internal {
namespace {

using c10::IValue;

std::string ArgumentLabel(const c10::Argument& argument, size_t index) {
  return absl::StrCat("argument ", index, " ('", argument.name(), "', ",
                      argument.type()->annotation_str(), ")");
}

// Converts `value` to the schema type `type`; returns std::nullopt when it
// does not fit.
std::optional<IValue> ToIValue(const ArgValue& value,
                               const c10::TypePtr& type) {
  if (auto optional = type->cast<c10::OptionalType>()) {
    if (auto* o = std::get_if<c10::optional<at::Tensor>>(&value);
        o != nullptr && !o->has_value()) {
      return IValue();
    }
    return ToIValue(value, optional->getElementType());
  }
  switch (type->kind()) {
    case c10::TypeKind::TensorType:
      if (auto* t = std::get_if<at::Tensor>(&value)) return IValue(*t);
      if (auto* o = std::get_if<c10::optional<at::Tensor>>(&value);
          o != nullptr && o->has_value()) {
        return IValue(**o);
      }
      return std::nullopt;
    case c10::TypeKind::ListType: {
      c10::TypePtr element = type->castRaw<c10::ListType>()->getElementType();
      if (element->kind() == c10::TypeKind::TensorType) {
        if (auto* list = std::get_if<std::vector<at::Tensor>>(&value)) {
          return IValue(c10::List<at::Tensor>(*list));
        }
        return std::nullopt;
      }
      if (element->kind() == c10::TypeKind::IntType ||
          element->kind() == c10::TypeKind::SymIntType) {
        if (auto* size = std::get_if<Size>(&value)) return IValue(size->dims());
        if (auto* ints = std::get_if<std::vector<int64_t>>(&value)) {
          return IValue(*ints);
        }
      }
      if (auto optional = element->cast<c10::OptionalType>();
          optional &&
          optional->getElementType()->kind() == c10::TypeKind::TensorType) {
        if (auto* list = std::get_if<std::vector<at::Tensor>>(&value)) {
          c10::List<c10::optional<at::Tensor>> tensors;
          for (const at::Tensor& t : *list) {
            tensors.push_back(t.defined() ? c10::optional<at::Tensor>(t)
                                          : c10::nullopt);
          }
          return IValue(tensors);
        }
      }
      return std::nullopt;
    }
    case c10::TypeKind::IntType:
    case c10::TypeKind::SymIntType:
      if (auto* i = std::get_if<int64_t>(&value)) return IValue(*i);
      if (auto* s = std::get_if<c10::ScalarType>(&value)) return IValue(*s);
      return std::nullopt;
    case c10::TypeKind::FloatType:
      if (auto* d = std::get_if<double>(&value)) return IValue(*d);
      if (auto* i = std::get_if<int64_t>(&value)) {
        return IValue(static_cast<double>(*i));
      }
      return std::nullopt;
    case c10::TypeKind::BoolType:
      if (auto* b = std::get_if<bool>(&value)) return IValue(*b);
      return std::nullopt;
    case c10::TypeKind::StringType:
      if (auto* s = std::get_if<std::string>(&value)) return IValue(*s);
      return std::nullopt;
    case c10::TypeKind::NumberType:
      if (auto* s = std::get_if<c10::Scalar>(&value)) return IValue(*s);
      if (auto* d = std::get_if<double>(&value)) return IValue(*d);
      if (auto* i = std::get_if<int64_t>(&value)) return IValue(*i);
      if (auto* b = std::get_if<bool>(&value)) return IValue(*b);
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// Converts a sample into the boxed arguments of `schema`, filling trailing
// arguments from their defaults. Returns "" on success, else what is wrong.
std::string ToStack(const c10::FunctionSchema& schema,
                    const std::vector<ArgValue>& args,
                    std::vector<IValue>* stack) {
  const auto& arguments = schema.arguments();
  if (args.size() > arguments.size()) {
    return absl::StrCat("the sample has ", args.size(),
                        " arguments but the schema takes ", arguments.size(),
                        ": ", c10::toString(schema));
  }
  for (size_t i = 0; i < arguments.size(); ++i) {
    const c10::Argument& argument = arguments[i];
    if (i >= args.size()) {
      if (!argument.default_value().has_value()) {
        return absl::StrCat("missing required ", ArgumentLabel(argument, i),
                            " of schema ", c10::toString(schema));
      }
      if (stack) stack->push_back(*argument.default_value());
      continue;
    }
    std::optional<IValue> value = ToIValue(args[i], argument.type());
    if (!value.has_value()) {
      return absl::StrCat(ArgumentLabel(argument, i), " gets ",
                          ArgKindName(args[i]), ", which does not fit; schema ",
                          c10::toString(schema));
    }
    if (stack) stack->push_back(std::move(*value));
  }
  return "";
}

// Converts a schema default to a sample argument; std::nullopt when gtest_fx
// has no kind of argument for it.
std::optional<ArgValue> FromIValue(const IValue& value) {
  if (value.isNone()) return ArgValue(c10::optional<at::Tensor>());
  if (value.isBool()) return ArgValue(value.toBool());
  if (value.isInt()) return ArgValue(value.toInt());
  if (value.isDouble()) return ArgValue(value.toDouble());
  if (value.isString()) return ArgValue(value.toStringRef());
  if (value.isIntList()) return ArgValue(value.toIntVector());
  if (value.isTensor()) return ArgValue(value.toTensor());
  return std::nullopt;
}

// Puts the keyword arguments of `args` in their places; see KwargBinder.
std::string BindKwargs(const c10::FunctionSchema& schema, Args& args) {
  if (args.kwargs().empty()) return "";
  const auto& arguments = schema.arguments();
  std::vector<ArgValue>& values = args.mutable_values();
  if (values.size() > arguments.size()) {
    return ToStack(schema, values, nullptr);  // says there are too many
  }
  std::vector<std::optional<ArgValue>> slots(values.begin(), values.end());
  slots.resize(arguments.size());
  for (auto& [name, value] : args.mutable_kwargs()) {
    c10::optional<int> index = schema.argumentIndexWithName(name);
    if (!index.has_value()) {
      std::vector<std::string> names;
      for (const c10::Argument& a : arguments) names.push_back(a.name());
      return absl::StrCat("keyword argument '", name,
                          "' names no argument of schema ",
                          c10::toString(schema),
                          "; its arguments are: ", absl::StrJoin(names, ", "));
    }
    if (slots[*index].has_value()) {
      return absl::StrCat(ArgumentLabel(arguments[*index], *index),
                          " is given twice (",
                          static_cast<size_t>(*index) < values.size()
                              ? "by position and by keyword"
                              : "by two keywords",
                          "); schema ", c10::toString(schema));
    }
    slots[*index] = std::move(value);
  }
  while (!slots.empty() && !slots.back().has_value()) slots.pop_back();
  std::vector<ArgValue> bound;
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].has_value()) {
      bound.push_back(std::move(*slots[i]));
      continue;
    }
    const c10::Argument& argument = arguments[i];
    if (!argument.default_value().has_value()) {
      return absl::StrCat("missing required ", ArgumentLabel(argument, i),
                          " of schema ", c10::toString(schema),
                          "; give it by position or with .Kwarg(\"",
                          argument.name(), "\", ...)");
    }
    std::optional<ArgValue> fill = FromIValue(*argument.default_value());
    if (!fill.has_value()) {
      return absl::StrCat("the default of ", ArgumentLabel(argument, i), " (",
                          argument.default_value()->tagKind(),
                          ") has no gtest_fx argument kind, and a later "
                          "argument is given by keyword; schema ",
                          c10::toString(schema));
    }
    bound.push_back(std::move(*fill));
  }
  values = std::move(bound);
  args.mutable_kwargs().clear();
  return "";
}

Output OutputFromIValue(const IValue& value) {
  if (value.isTensor()) return Output::OfTensor(value.toTensor());
  if (value.isInt()) return Output::OfInt(value.toInt());
  if (value.isDouble()) return Output::OfDouble(value.toDouble());
  if (value.isBool()) return Output::OfBool(value.toBool());
  if (value.isTuple()) {
    std::vector<Output> elements;
    for (const IValue& e : value.toTupleRef().elements()) {
      elements.push_back(OutputFromIValue(e));
    }
    return Output::Sequence(Output::Kind::kTuple, std::move(elements));
  }
  if (value.isList()) {
    std::vector<Output> elements;
    for (const IValue& e : value.toListRef())
      elements.push_back(OutputFromIValue(e));
    return Output::Sequence(Output::Kind::kList, std::move(elements));
  }
  if (value.isNone()) return Output::None();
  throw std::invalid_argument(absl::StrCat("the op returned a ",
                                           value.tagKind(),
                                           ", which gtest_fx cannot compare"));
}

}  // namespace

absl::StatusOr<c10::OperatorHandle> FindDispatcherOp(const std::string& full) {
  const size_t dot = full.find(
      '.', full.find("::") == std::string::npos ? 0 : full.find("::") + 2);
  c10::OperatorName name(full.substr(0, dot),
                         dot == std::string::npos ? "" : full.substr(dot + 1));
  if (full.find("::") == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", full,
        "' is not a dispatcher op name; write \"namespace::name\" or "
        "\"namespace::name.overload\""));
  }
  if (auto found = c10::Dispatcher::singleton().findSchema(name)) {
    return *found;
  }
  return absl::NotFoundError(absl::StrCat(
      "the dispatcher knows no op '", full,
      "'; check the name and overload, and that the library defining it "
      "(TORCH_LIBRARY) is linked into this binary"));
}

absl::Status ResolveDispatcherOp(OpSpec& spec) {
  absl::StatusOr<c10::OperatorHandle> op =
      FindDispatcherOp(spec.dispatcher_name);
  if (!op.ok()) return op.status();
  spec.argument_names.clear();
  for (const c10::Argument& argument : op->schema().arguments()) {
    spec.argument_names.push_back(argument.name());
  }
  spec.may_return_tensor = false;
  for (const c10::Argument& ret : op->schema().returns()) {
    const c10::TypePtr& type = ret.real_type();
    spec.may_return_tensor |=
        type->isSubtypeOf(*c10::TensorType::get()) ||
        type->isSubtypeOf(*c10::ListType::ofTensors()) ||
        type->isSubtypeOf(*c10::OptionalType::ofTensor()) ||
        type->isSubtypeOf(*c10::ListType::ofOptionalTensors());
  }
  spec.bind_kwargs = [op = *op](Args& args) {
    return BindKwargs(op.schema(), args);
  };
  spec.check_args = [op = *op](const std::vector<ArgValue>& args) {
    return ToStack(op.schema(), args, nullptr);
  };
  spec.invoke = [op = *op](std::vector<ArgValue>& args) {
    std::vector<IValue> stack;
    std::string error = ToStack(op.schema(), args, &stack);
    if (!error.empty()) throw std::invalid_argument(error);
    op.callBoxed(&stack);
    if (stack.size() == 1) return OutputFromIValue(stack[0]);
    std::vector<Output> outputs;
    for (const IValue& v : stack) outputs.push_back(OutputFromIValue(v));
    return stack.empty()
               ? Output::None()
               : Output::Sequence(Output::Kind::kTuple, std::move(outputs));
  };
  return absl::OkStatus();
}

}  // namespace gtest_fx::internal
