-- End-to-end test of `sayso lsp` with headless Neovim 0.7 as a real LSP client.
-- Run by run_nvim_e2e.sh, which sets SAYSO_BIN, SAYSO_E2E_DOC (a copy of e2e_application.md)
-- and SAYSO_E2E_OUT (where this script writes what it saw).
local timeout_ms = tonumber(os.getenv('SAYSO_E2E_TIMEOUT_MS') or '20000')
local report = {}

local function note(text)
  table.insert(report, text)
end

local function finish(ok)
  local file = io.open(os.getenv('SAYSO_E2E_OUT'), 'w')
  file:write(table.concat(report, '\n') .. '\n')
  file:close()
  vim.cmd(ok and 'qall!' or 'cquit 3')
end

local function starts_with(text, prefix)
  return type(text) == 'string' and text:sub(1, #prefix) == prefix
end

local function describe(d)
  local data = d.user_data and d.user_data.lsp and d.user_data.lsp.data or {}
  return string.format('%d:%d-%d:%d %s [%s] %s', d.lnum, d.col, d.end_lnum, d.end_col,
    tostring(d.code), tostring(data.category), d.message)
end

local function note_diagnostics(bufnr, title)
  note(title)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    note('  ' .. describe(d))
  end
end

-- The first diagnostic that satisfies `test`, or nil.
local function find(bufnr, test)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if test(d) then
      return d
    end
  end
end

local function wait_for(what, condition)
  if not vim.wait(timeout_ms, condition, 20) then
    error(string.format('timed out after %d ms waiting for %s', timeout_ms, what))
  end
end

-- Jargon: 'utilise' on a given line and byte range (Neovim shows byte columns).
local function jargon_at(lnum, col, end_col)
  return function(d)
    return starts_with(d.code, 'plain-english.') and d.lnum == lnum and d.col == col
      and d.end_col == end_col
  end
end

local function tokenism_on(lnum)
  return function(d)
    local data = d.user_data and d.user_data.lsp and d.user_data.lsp.data or {}
    return d.lnum == lnum and data.category == 'tokenism'
  end
end

local function hover(bufnr, client_id, line, character)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = line, character = character },
  }
  local results = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout_ms)
  if not results or not results[client_id] then
    error('no answer to textDocument/hover within ' .. timeout_ms .. ' ms')
  end
  local answer = results[client_id]
  if answer.err or not answer.result then
    error('hover gave no result: ' .. vim.inspect(answer))
  end
  return answer.result
end

-- The code actions at a position, as the server answers them.
local function code_actions(bufnr, client_id, line, character)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = line, character = character }, ['end'] = { line = line, character = character } },
    context = { diagnostics = {} },
  }
  local results = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout_ms)
  if not results or not results[client_id] or results[client_id].err then
    error('no answer to textDocument/codeAction: ' .. vim.inspect(results))
  end
  return results[client_id].result or {}
end

local function run()
  local doc = os.getenv('SAYSO_E2E_DOC')
  vim.cmd('edit ' .. vim.fn.fnameescape(doc))
  local bufnr = vim.api.nvim_get_current_buf()
  local exit_code = nil
  local client_id = vim.lsp.start_client({
    name = 'sayso',
    cmd = { os.getenv('SAYSO_BIN'), 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(doc, ':h'),
    on_exit = function(code)
      exit_code = code
    end,
  })
  assert(client_id, 'could not start sayso lsp')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach the client')

  -- 1. Diagnostics on open: jargon in the summary (line 3), tokenism in the PPI section (line 7).
  wait_for('jargon and tokenism diagnostics', function()
    return find(bufnr, jargon_at(2, 8, 15)) ~= nil and find(bufnr, tokenism_on(6)) ~= nil
  end)
  note_diagnostics(bufnr, 'after open:')
  local jargon = find(bufnr, jargon_at(2, 8, 15))

  -- 2. Hover on the flagged word names the rule and says what it found.
  local result = hover(bufnr, client_id, 2, 10)
  local text = result.contents.value or ''
  note('hover: ' .. text:gsub('\n', ' | '))
  assert(text:find(jargon.code, 1, true), 'hover text does not name rule ' .. jargon.code)
  assert(text:find(jargon.message, 1, true), 'hover text does not include the message')

  -- 3. An incremental edit with non-ASCII text: the finding moves by 11 bytes (8 UTF-16 units).
  vim.api.nvim_buf_set_text(bufnr, 2, 0, 2, 0, { 'Café 😀 ' })
  wait_for('the jargon finding to move after the edit', function()
    return find(bufnr, jargon_at(2, 19, 26)) ~= nil
  end)
  note_diagnostics(bufnr, 'after edit:')
  result = hover(bufnr, client_id, 2, 18)
  assert(result.range and result.range.start.character == 16 and result.range['end'].character == 23,
    'hover range is not the word in UTF-16 units: ' .. vim.inspect(result.range))

  -- 4. Removing the word clears that finding.
  vim.api.nvim_buf_set_text(bufnr, 2, 19, 2, 26, { 'use' })
  wait_for('the jargon finding to go', function()
    return find(bufnr, jargon_at(2, 19, 26)) == nil
  end)

  -- 5. A code action applied: "in order to" (UTF-16 column 29 after the edit) becomes "to".
  wait_for('the "in order to" finding', function()
    return find(bufnr, function(d) return d.lnum == 2 and d.col == 32 and d.end_col == 43 end) ~= nil
  end)
  local chosen = nil
  for _, action in ipairs(code_actions(bufnr, client_id, 2, 30)) do
    note('code action: ' .. action.title)
    if action.title == "Replace with 'to'" then
      chosen = action
    end
  end
  assert(chosen and chosen.edit, "no \"Replace with 'to'\" action with an edit")
  vim.lsp.util.apply_workspace_edit(chosen.edit, vim.lsp.get_client_by_id(client_id).offset_encoding)
  local line = vim.api.nvim_buf_get_lines(bufnr, 2, 3, true)[1]
  note('after the code action: ' .. line)
  assert(line == 'Café 😀 We will use the data to find out what helps people sleep.',
    'unexpected text after the code action: ' .. line)
  wait_for('the "in order to" finding to go', function()
    return find(bufnr, function(d) return d.lnum == 2 and d.col == 32 end) == nil
  end)

  -- 6. Code lenses on the two headings (Neovim 0.7 has no inlay hints): each section's figures.
  vim.lsp.codelens.refresh()
  wait_for('code lenses on both headings', function()
    return #vim.lsp.codelens.get(bufnr) == 2
  end)
  local lens_on = {}
  for _, lens in ipairs(vim.lsp.codelens.get(bufnr)) do
    note(string.format('code lens on line %d: %s', lens.range.start.line, lens.command.title))
    lens_on[lens.range.start.line] = lens
  end
  assert(lens_on[0] and starts_with(lens_on[0].command.title, '13 / 300 words · reading age '),
    'no word count against the limit on the summary heading')
  assert(lens_on[4] and lens_on[4].command.title:find('evidence %d+ of %d+'),
    'no evidence checklist on the involvement heading')

  -- 7. Running the involvement lens: the server shows the section's missing evidence.
  local shown = nil
  vim.lsp.handlers['window/showMessage'] = function(_, message)
    shown = message.message
  end
  vim.api.nvim_win_set_cursor(0, { 5, 0 })
  vim.lsp.codelens.run()
  wait_for('the section shown by the lens command', function()
    return shown ~= nil
  end)
  note('code lens command showed: ' .. shown)
  assert(starts_with(shown, 'Patient and public involvement: ') and shown:find('Missing evidence: ', 1, true),
    'the lens command did not list the missing evidence')

  -- 8. Shutdown and exit: the server ends with status 0.
  vim.lsp.stop_client(client_id)
  wait_for('the server to exit', function()
    return exit_code ~= nil
  end)
  note('server exit code: ' .. tostring(exit_code))
  assert(exit_code == 0, 'server exited with ' .. tostring(exit_code))
end

local ok, err = pcall(run)
if not ok then
  note('FAILED: ' .. tostring(err))
  pcall(note_diagnostics, vim.api.nvim_get_current_buf(), 'diagnostics at failure:')
end
finish(ok)
