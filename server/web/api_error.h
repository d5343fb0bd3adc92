// A request the API cannot answer: the HTTP status and a plain-English reason for the page.
#pragma once
#include <stdexcept>
#include <string>

namespace sayso::web {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

}  // namespace sayso::web
