// The officer API described in OpenAPI 3.1, served at /api/admin/v1/openapi.json (hand-written: no generator
// dependency, and the document is short enough to keep true by hand; test/console/api.test.ts checks its paths).

const error = {
  description: 'Lỗi, có mã và thông điệp tiếng Việt',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};
const errors = {
  '400': error,
  '401': { ...error, description: 'Chưa đăng nhập hoặc mã API không hợp lệ' },
  '403': { ...error, description: 'Vai trò không được thao tác này, hoặc thiếu X-CSRF-Token (phiên đăng nhập)' },
  '404': { ...error, description: 'Không có yêu cầu này trong phạm vi đơn vị của tài khoản' },
  '409': { ...error, description: 'Trạng thái hiện tại không cho phép thao tác' },
};
const code = {
  name: 'code',
  in: 'path',
  required: true,
  description: 'Mã tra cứu, ví dụ PA-2026-7K3M9Q',
  schema: { type: 'string' },
};
const action = (summary: string, schema: Record<string, unknown>) => ({
  summary,
  parameters: [code],
  requestBody: { required: true, content: { 'application/json': { schema } } },
  responses: {
    '200': {
      description: 'Trạng thái mới của yêu cầu',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/TicketSummary' } } },
    },
    ...errors,
  },
});
const outboxId = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Số của tin nhắn trong hàng đợi gửi (messages[].id của GET /tickets/{code})',
  schema: { type: 'integer', minimum: 1 },
};
const outboxAction = (summary: string, schema?: Record<string, unknown>) => ({
  summary,
  parameters: [code, outboxId],
  ...(schema ? { requestBody: { required: true, content: { 'application/json': { schema } } } } : {}),
  responses: {
    '200': {
      description: 'Đã ghi nhận',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { code: { type: 'string' }, message: { type: 'integer' }, status: { type: 'string' } },
          },
        },
      },
    },
    ...errors,
  },
});
const filter = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'tiepdan — API của bàn làm việc cán bộ',
    version: '1.0.0',
    description:
      'Danh sách, chi tiết và xử lý phản ánh, kiến nghị, khiếu nại, tố cáo. Xác thực bằng mã API cá nhân ' +
      '(`tiepdan users token <tên>`; tiêu đề `Authorization: Bearer <mã>`) hoặc phiên đăng nhập của bàn làm việc ' +
      'kèm tiêu đề `X-CSRF-Token` cho các thao tác thay đổi dữ liệu. Cán bộ, thanh tra viên chỉ thấy yêu cầu của ' +
      'đơn vị mình; danh tính người tố cáo chỉ hiện với thanh tra viên và lãnh đạo.',
  },
  servers: [{ url: '/api/admin/v1' }],
  security: [{ bearer: [] }, { session: [] }],
  paths: {
    '/tickets': {
      get: {
        summary: 'Danh sách yêu cầu, hạn luật định gần nhất trước',
        parameters: [
          filter(
            'status',
            'trạng thái, cách nhau bởi dấu phẩy: received, accepted, refused, forwarded, in_progress, answered, closed',
          ),
          filter('kind', 'loại: petition, complaint, denunciation, question'),
          filter('category', 'mã lĩnh vực, cách nhau bởi dấu phẩy'),
          filter('unit', 'mã đơn vị'),
          filter('commune', 'mã xã/phường, cách nhau bởi dấu phẩy'),
          filter('overdue', 'chỉ yêu cầu quá hạn', { type: 'boolean' }),
          filter('due', 'đến hạn trong N ngày làm việc (kể cả quá hạn)', { type: 'integer', minimum: 0 }),
          filter('disputed', 'người dân đề nghị xem xét lại', { type: 'boolean' }),
          filter('failures', 'có tin trả lời gửi lỗi hoặc không rõ', { type: 'boolean' }),
          filter('q', 'mã tra cứu hoặc từ trong nội dung'),
          filter('page', 'trang, từ 1', { type: 'integer', minimum: 1 }),
          filter('perPage', 'số dòng mỗi trang (tối đa 100)', { type: 'integer', minimum: 1, maximum: 100 }),
        ],
        responses: {
          '200': {
            description: 'Một trang danh sách',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'page', 'perPage', 'hasMore'],
                  properties: {
                    items: { type: 'array', items: { $ref: '#/components/schemas/TicketListItem' } },
                    page: { type: 'integer' },
                    perPage: { type: 'integer' },
                    hasMore: { type: 'boolean' },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    '/tickets/{code}': {
      get: {
        summary: 'Chi tiết một yêu cầu (việc xem dữ liệu cá nhân được ghi nhật ký)',
        parameters: [code],
        responses: {
          '200': { description: 'Chi tiết', content: { 'application/json': { schema: { type: 'object' } } } },
          ...errors,
        },
      },
    },
    '/tickets/{code}/reply': {
      post: action('Trả lời người dân (gửi qua hàng đợi tin nhắn; trạng thái → đã trả lời)', {
        type: 'object',
        required: ['text'],
        properties: { text: { type: 'string', minLength: 5, maxLength: 3500 } },
      }),
    },
    '/tickets/{code}/status': {
      post: action('Đổi trạng thái (thụ lý, không thụ lý, chuyển, đang xử lý, đóng)', {
        type: 'object',
        required: ['status'],
        properties: {
          status: { type: 'string', enum: ['received', 'accepted', 'refused', 'forwarded', 'in_progress', 'closed'] },
          reason: { type: 'string', description: 'bắt buộc khi refused, forwarded' },
          closeReason: { type: 'string', enum: ['resolved', 'not_resolved', 'forwarded', 'duplicate'] },
          isComplex: { type: 'boolean' },
          isSecondTime: { type: 'boolean' },
        },
      }),
    },
    '/tickets/{code}/assign': {
      post: action('Chuyển cho đơn vị khác (và cán bộ phụ trách)', {
        type: 'object',
        required: ['unit'],
        properties: { unit: { type: 'string' }, assignee: { type: 'string' } },
      }),
    },
    '/tickets/{code}/extend': {
      post: action('Gia hạn theo luật, có lý do', {
        type: 'object',
        required: ['reason'],
        properties: { reason: { type: 'string' }, especiallyComplex: { type: 'boolean' } },
      }),
    },
    '/tickets/{code}/outbox/{id}/retry': {
      post: outboxAction('Gửi lại một tin nhắn gửi lỗi hoặc không rõ đã đến chưa (đưa lại vào hàng đợi)'),
    },
    '/tickets/{code}/outbox/{id}/delivered-by-phone': {
      post: outboxAction('Đánh dấu tin nhắn gửi lỗi là đã báo cho người dân qua điện thoại, kèm ghi chú cuộc gọi', {
        type: 'object',
        required: ['note'],
        properties: { note: { type: 'string', maxLength: 2000 } },
      }),
    },
  },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'mã API cá nhân (tdp_…)' },
      session: { type: 'apiKey', in: 'cookie', name: 'tiepdan_console' },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error', 'message'],
        properties: { error: { type: 'string' }, message: { type: 'string' } },
      },
      TicketSummary: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          kind: { type: 'string' },
          status: { type: 'string' },
          closeReason: { type: ['string', 'null'] },
          unit: { type: ['string', 'null'] },
          assignee: { type: ['string', 'null'] },
          acknowledgeBy: { type: 'string', format: 'date-time' },
          dueAt: { type: ['string', 'null'], format: 'date-time' },
          answeredAt: { type: ['string', 'null'], format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      TicketListItem: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          kind: { type: 'string' },
          category: { type: 'string' },
          commune: { type: ['string', 'null'] },
          status: { type: 'string' },
          unitCode: { type: ['string', 'null'] },
          deadline: { type: ['string', 'null'], format: 'date-time' },
          workingDaysLeft: { type: ['integer', 'null'] },
          isOverdue: { type: 'boolean' },
          isDisputed: { type: 'boolean' },
          deliveryProblem: { type: ['string', 'null'] },
          personal: {
            type: 'object',
            description: 'che một phần trong danh sách; danh tính người tố cáo chỉ hiện với thanh tra viên, lãnh đạo',
          },
        },
      },
    },
  },
} as const;
